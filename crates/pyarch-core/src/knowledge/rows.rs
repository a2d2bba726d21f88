//! What calls do to the rows of the data they get, for the provenance analysis
//! (`crate::provenance`): which calls compute statistics of the rows, which
//! transformers learn nothing from them, which calls duplicate or synthesise rows.
//! Kinds of objects (transformer, estimator, splitter, …) come from the API table
//! ([`super::api`]); these lists refine it.

/// Methods whose result is a statistic of the receiver's rows (`df['Age'].median()`).
pub const AGGREGATION_METHODS: &[&str] = &[
    "mean",
    "median",
    "std",
    "var",
    "min",
    "max",
    "quantile",
    "mode",
    "value_counts",
    "describe",
    "agg",
    "aggregate",
    "skew",
    "kurt",
    "kurtosis",
    "sem",
    "mad",
    "corr",
    "cov",
    "nanmean",
    "idxmax",
    "idxmin",
];

/// Functions (qualified) whose result is a statistic of their argument's rows
/// (`np.mean(df['Fare'])`), or that standardise with statistics of all the rows
/// they get (`scipy.stats.zscore`).
pub const AGGREGATION_FUNCTIONS: &[&str] = &[
    "numpy.mean",
    "numpy.median",
    "numpy.std",
    "numpy.var",
    "numpy.min",
    "numpy.max",
    "numpy.amin",
    "numpy.amax",
    "numpy.percentile",
    "numpy.quantile",
    "numpy.nanmean",
    "numpy.nanmedian",
    "numpy.nanstd",
    "numpy.nanpercentile",
    "numpy.average",
    "statistics.mean",
    "statistics.median",
    "statistics.mode",
    "statistics.stdev",
    "scipy.stats.mode",
    "scipy.stats.zscore",
    "scipy.stats.boxcox",
];

/// Methods that take a function name and aggregate with it when given one of
/// [`AGGREGATION_METHODS`] as a string (`groupby('x')['y'].transform('mean')`).
pub const AGGREGATING_WITH_NAME: &[&str] = &["transform", "agg", "aggregate", "apply"];

/// Transformers (by class or function name) that learn nothing from the values of
/// the rows they are fitted on, or whose fit on the target is harmless: fitting
/// them before a split leaks nothing. `PolynomialFeatures` only counts columns.
pub const LEARNS_NOTHING: &[&str] = &[
    "PolynomialFeatures",
    "FunctionTransformer",
    "LabelEncoder",
    "LabelBinarizer",
    "MultiLabelBinarizer",
    "Normalizer",
    "normalize",
    "HashingVectorizer",
    "FeatureHasher",
    "SplineTransformer",
    "Binarizer",
];

/// Resamplers that add copies or synthetic neighbours of existing rows (PA404);
/// undersamplers only drop rows.
pub const OVERSAMPLERS: &[&str] = &[
    "SMOTE",
    "SMOTENC",
    "SMOTEN",
    "ADASYN",
    "BorderlineSMOTE",
    "SVMSMOTE",
    "KMeansSMOTE",
    "RandomOverSampler",
    "SMOTETomek",
    "SMOTEENN",
];

/// Functions (qualified) that draw rows with replacement by default
/// (`sklearn.utils.resample`).
pub const RESAMPLING_FUNCTIONS: &[&str] = &["sklearn.utils.resample"];

/// Functions (qualified) and methods that stack rows of their arguments.
pub const CONCATENATING_FUNCTIONS: &[&str] = &[
    "pandas.concat",
    "numpy.concatenate",
    "numpy.vstack",
    "numpy.row_stack",
    "numpy.r_",
    "numpy.append",
];
pub const CONCATENATING_METHODS: &[&str] = &["append", "_append", "union"];

/// Methods that keep the receiver's rows except those of their argument
/// (`df.drop(train.index)`).
pub const COMPLEMENT_METHODS: &[&str] = &["drop"];

/// Methods that take the first or last rows (`head` is the training side of a
/// positional split, `tail` the held-out side).
pub const HEAD_METHODS: &[&str] = &["head"];
pub const TAIL_METHODS: &[&str] = &["tail"];

/// A random sample of rows: a split when the rest is taken with `drop`, a
/// resampling with `replace=True` or `frac` above 1, a shuffle with `frac=1`.
pub const SAMPLE_METHODS: &[&str] = &["sample"];

/// Attributes that select rows by position or label (`df.iloc[:n]`).
pub const ROW_INDEXERS: &[&str] = &["iloc", "loc", "ix", "values", "T", "index"];

/// Methods whose result is a boolean mask over the receiver's rows
/// (`data['y'].notnull()`): a mask and its complement split the rows.
pub const MASK_METHODS: &[&str] = &["isnull", "notnull", "isna", "notna", "isin", "between"];

/// Methods that give the same rows repeated (`df.index.repeat(3)`, `np.tile`).
pub const REPEATING_METHODS: &[&str] = &["repeat"];

/// Splitter functions (the API table's `Splitter` kind also holds splitter
/// classes): they return the training and held-out side of each array given.
pub const SPLIT_FUNCTIONS: &[&str] = &["train_test_split"];

/// Transformer functions (the API table's `Transformer` kind also holds the
/// classes): they fit and transform in one call (`preprocessing.scale(X)`).
pub const TRANSFORMER_FUNCTIONS: &[&str] = &[
    "scale",
    "normalize",
    "minmax_scale",
    "robust_scale",
    "maxabs_scale",
    "quantile_transform",
    "power_transform",
];

/// Attributes that describe a value's shape or labels, not its values.
pub const SHAPE_ATTRIBUTES: &[&str] = &["shape", "columns", "dtypes", "dtype", "size", "ndim"];

/// Functions that compute nothing from row values however many rows they see
/// (`len(df)`, `df.shape`).
pub const SHAPE_FUNCTIONS: &[&str] = &["len", "range", "print", "display", "type", "isinstance"];

pub fn is_aggregation_method(method: &str) -> bool {
    AGGREGATION_METHODS.contains(&method)
}

pub fn is_aggregation_function(qualified: &str) -> bool {
    AGGREGATION_FUNCTIONS.contains(&qualified)
}

/// Whether a transformer, by its API name (`PolynomialFeatures`,
/// `sklearn.preprocessing.PolynomialFeatures`), learns nothing from row values.
pub fn learns_nothing(api: &str) -> bool {
    let short = api.rsplit('.').next().unwrap_or(api);
    LEARNS_NOTHING.contains(&short)
}

pub fn is_oversampler(api: &str) -> bool {
    let short = api.rsplit('.').next().unwrap_or(api);
    OVERSAMPLERS.contains(&short)
}

/// Methods that return the frame with the same columns (PA407 follows the label
/// column through them): `X = df.fillna(0)` still holds `df`'s label.
pub const COLUMN_KEEPING_METHODS: &[&str] = &[
    "copy",
    "fillna",
    "dropna",
    "reset_index",
    "astype",
    "replace",
    "to_numpy",
    "sample",
    "head",
    "tail",
    "sort_values",
    "sort_index",
    "drop_duplicates",
    "interpolate",
    "ffill",
    "bfill",
    "infer_objects",
    "convert_dtypes",
    "round",
    "clip",
    "abs",
];

/// Functions (qualified) that return their frame argument with its columns (or
/// their one-hot expansion, which keeps numeric columns as they are).
pub const COLUMN_KEEPING_FUNCTIONS: &[&str] =
    &["pandas.get_dummies", "numpy.array", "numpy.asarray"];

/// Attributes of a frame that are not columns (`df.values` keeps the columns as an
/// array; `df.shape` is not a column).
pub const FRAME_ATTRIBUTES: &[&str] = &[
    "values", "shape", "columns", "index", "dtypes", "dtype", "size", "ndim", "T", "iloc", "loc",
    "ix", "at", "iat", "str", "dt", "cat", "plot", "empty", "axes",
];
