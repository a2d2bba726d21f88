//! The API table: which library calls load, clean, train, plot or save, as data.
//!
//! Three kinds of entry, all in the tables below:
//! - **qualified names** (`pandas.read_csv`), matched against a callee with its
//!   import aliases resolved (`pd.read_csv` → `pandas.read_csv`); a pattern ending
//!   in `*` is a prefix (`pandas.read_*`, `matplotlib.pyplot.*`);
//! - **class families** ([`FAMILIES`]): class or function names that live somewhere
//!   under a package (`RandomForestClassifier` under `sklearn`), so that
//!   `sklearn.ensemble.RandomForestClassifier`, the old private
//!   `sklearn.ensemble.forest.RandomForestClassifier` and an unimported bare
//!   `RandomForestClassifier` all match;
//! - **methods** on any receiver (`.fillna`, `.fit`), used when the receiver is a
//!   variable, not a module. The role of `.fit` depends on what the receiver is
//!   (an estimator trains, a scaler transforms, a search tunes): the classifier in
//!   `crate::roles` refines it with [`ApiKind`].
//!
//! A few entries also carry an [`ApiTag`], a finer fact that one rule or planner
//! step needs (`.fit` fits a model; `savefig` writes a figure, not data).
//!
//! Extend the tables; nothing else needs to change.

use crate::role::Role;
use crate::syntax::{CallFact, QualifiedName};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// What kind of object or operation an API is, beyond its role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ApiKind {
    /// A model: classifier, regressor, clusterer, network, statistical model.
    Estimator,
    /// Scaler, imputer, encoder, vectorizer, feature selector, decomposition: fitted
    /// on data, then applied to it.
    Transformer,
    /// Over- or under-sampler (`SMOTE`): fitted with `fit_resample`.
    Resampler,
    /// `train_test_split`, `KFold`, …
    Splitter,
    /// `GridSearchCV`, `RandomizedSearchCV`, …
    Search,
    /// `cross_val_score`, `cross_validate`, …
    CrossValidation,
    /// A metric or a report computed from labels and predictions.
    Metric,
    Plot,
    Loader,
    Saver,
    /// Seeds a global random number generator.
    Seed,
    /// Shows a value without changing anything (`head`, `describe`).
    Display,
    /// Process or library settings (`warnings.filterwarnings`, `pd.set_option`).
    Setting,
    /// A layer, optimizer or callback used to build a neural network.
    NetPart,
}

/// A fact about a call finer than its role and kind, set on the few entries that
/// need it (`.with(…)` in the tables) and asked with [`has_tag`] or
/// [`method_has_tag`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ApiTag {
    /// Fits a model, transformer or sampler on data (`.fit`, `.fit_transform`,
    /// `.partial_fit`, `.train`): the planner names a run after the model it fits.
    Fits,
    /// A saver or loader whose file is not data: it writes a figure (`savefig`,
    /// `write_html`) or lists files (`glob`). PA206 does not count it as data I/O.
    NotData,
    /// A loader or saver method whose first argument is content, not a path
    /// (`f.write(text)`, `cursor.execute(sql)`, `f.read()`): the planner does not
    /// look for a path constant there.
    Content,
    /// A model whose `fit` returns a results object, not the model: statsmodels'
    /// results (`res.summary()`, `res.params`) and keras' `History`. Reading those
    /// results evaluates the model.
    FitReturnsResults,
}

/// One row of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApiEntry {
    /// `pandas.read_csv`, `pandas.read_*`, `.fillna`, or a family member's name.
    pub pattern: &'static str,
    pub role: Role,
    pub kind: Option<ApiKind>,
    pub tag: Option<ApiTag>,
}

impl ApiEntry {
    const fn with(self, tag: ApiTag) -> Self {
        ApiEntry {
            tag: Some(tag),
            ..self
        }
    }
}

const fn e(pattern: &'static str, role: Role) -> ApiEntry {
    ApiEntry {
        pattern,
        role,
        kind: None,
        tag: None,
    }
}

const fn k(pattern: &'static str, role: Role, kind: ApiKind) -> ApiEntry {
    ApiEntry {
        pattern,
        role,
        kind: Some(kind),
        tag: None,
    }
}

use ApiKind::*;
use ApiTag::*;
use Role::*;

/// Qualified names and prefixes (`*`), most specific first where prefixes overlap
/// (an exact name always wins over a prefix; a longer prefix over a shorter one).
pub static QUALIFIED: &[ApiEntry] = &[
    // ---- builtins and the standard library
    k("open", Load, Loader),
    k("io.open", Load, Loader),
    k("codecs.open", Load, Loader),
    // Text typed in by the user at run time is the record to work on.
    k("input", Load, Loader),
    k("print", Explore, Display),
    k("display", Explore, Display),
    k("IPython.display.display", Explore, Display),
    k("IPython.display.*", Explore, Display),
    k("IPython.core.display.*", Explore, Display),
    k("pickle.load", Load, Loader),
    k("pickle.loads", Load, Loader),
    k("pickle.dump", Persist, Saver),
    k("cPickle.load", Load, Loader),
    k("cPickle.dump", Persist, Saver),
    k("json.load", Load, Loader),
    k("json.dump", Persist, Saver),
    k("csv.reader", Load, Loader),
    k("csv.DictReader", Load, Loader),
    k("csv.writer", Persist, Saver),
    k("csv.DictWriter", Persist, Saver),
    k("shutil.copy*", Persist, Saver),
    k("shutil.move", Persist, Saver),
    k("zipfile.ZipFile", Load, Loader),
    k("tarfile.open", Load, Loader),
    k("gzip.open", Load, Loader),
    k("glob.glob", Load, Loader).with(NotData),
    k("glob.iglob", Load, Loader).with(NotData),
    // Building a path is configuration (docs/roles.md: paths are config).
    e("os.path.*", Config),
    k("os.listdir", Explore, Display),
    k("os.walk", Explore, Display),
    k("os.scandir", Explore, Display),
    k("os.makedirs", Setup, Setting),
    k("os.mkdir", Setup, Setting),
    k("os.chdir", Setup, Setting),
    k("os.environ.setdefault", Setup, Setting),
    k("os.putenv", Setup, Setting),
    k("os.remove", Persist, Saver),
    k("os.system", Setup, Setting),
    k("subprocess.*", Setup, Setting),
    k("sys.path.append", Setup, Setting),
    k("sys.path.insert", Setup, Setting),
    k("sys.setrecursionlimit", Setup, Setting),
    // Freeing memory between steps: housekeeping of the process.
    k("gc.collect", Setup, Setting),
    k("warnings.filterwarnings", Setup, Setting),
    k("warnings.simplefilter", Setup, Setting),
    k("logging.basicConfig", Setup, Setting),
    k("logging.getLogger", Setup, Setting),
    k("logging.disable", Setup, Setting),
    k("random.seed", Config, Seed),
    // Removing characters from text (punctuation, markup, non-ASCII) fixes values.
    e("re.sub", Clean),
    k("pathlib.Path.mkdir", Setup, Setting),
    // A path typed in is configuration, as a path string is.
    e("pathlib.Path", Config),
    k("urllib.request.urlretrieve", Load, Loader),
    k("urllib.request.urlopen", Load, Loader),
    k("urllib.urlretrieve", Load, Loader),
    k("urllib.urlopen", Load, Loader),
    k("urllib2.urlopen", Load, Loader),
    // How downloads are made (headers, proxies): settings of the process.
    k("urllib.request.build_opener", Setup, Setting),
    k("urllib.request.install_opener", Setup, Setting),
    k("six.moves.urllib.request.build_opener", Setup, Setting),
    k("six.moves.urllib.request.install_opener", Setup, Setting),
    k("wget.download", Load, Loader),
    k("requests.get", Load, Loader),
    k("gdown.download", Load, Loader),
    k("requests.get", Load, Loader),
    k("requests.post", Load, Loader),
    k("requests.request", Load, Loader),
    k("requests.Session", Load, Loader),
    k("httpx.get", Load, Loader),
    k("sqlite3.connect", Load, Loader),
    k("sqlalchemy.create_engine", Load, Loader),
    k("psycopg2.connect", Load, Loader),
    k("pymysql.connect", Load, Loader),
    k("pymongo.MongoClient", Load, Loader),
    // Downloads a corpus (stop words, tokeniser models): data.
    k("nltk.download", Load, Loader),
    // Stop words are a constant list of words, not a data set.
    e("nltk.corpus.stopwords.words", Config),
    k("nltk.corpus.*", Load, Loader),
    k("tqdm.pandas", Setup, Setting),
    k("tqdm.tqdm.pandas", Setup, Setting),
    k("google.colab.drive.mount", Setup, Setting),
    k("google.colab.files.upload", Load, Loader),
    // Sends a file from the Colab runtime to the user's machine: saving it.
    k("google.colab.files.download", Persist, Saver),
    k("kaggle.api.*", Load, Loader),
    k("PIL.Image.open", Load, Loader),
    k("cv2.imread", Load, Loader),
    k("cv2.imwrite", Persist, Saver),
    k("imageio.imread", Load, Loader),
    k("imageio.imsave", Persist, Saver),
    k("skimage.io.imread", Load, Loader),
    k("skimage.io.imsave", Persist, Saver),
    k("scipy.misc.imread", Load, Loader),
    k("scipy.misc.imsave", Persist, Saver),
    k("matplotlib.image.imread", Load, Loader),
    k("matplotlib.image.imsave", Persist, Saver),
    k("h5py.File", Load, Loader),
    k("yaml.safe_load", Load, Loader),
    k("yaml.load", Load, Loader),
    k("dill.load", Load, Loader),
    k("dill.dump", Persist, Saver),
    // ---- pandas
    k("pandas.read_*", Load, Loader),
    k("pandas.ExcelFile", Load, Loader),
    k("pandas.HDFStore", Load, Loader),
    k("pandas.ExcelWriter", Persist, Saver),
    k("pandas.set_option", Setup, Setting),
    k("pandas.options.*", Setup, Setting),
    k("pandas.reset_option", Setup, Setting),
    e("pandas.get_dummies", Feature),
    e("pandas.cut", Feature),
    // A type conversion, as `astype('category')` is.
    e("pandas.Categorical", Clean),
    e("pandas.qcut", Feature),
    e("pandas.factorize", Feature),
    e("pandas.to_datetime", Clean),
    e("pandas.to_numeric", Clean),
    e("pandas.to_timedelta", Clean),
    e("pandas.concat", Feature),
    e("pandas.merge", Clean),
    e("pandas.merge_asof", Clean),
    e("pandas.melt", Clean),
    e("pandas.pivot", Clean),
    e("pandas.wide_to_long", Clean),
    e("pandas.isnull", Clean),
    e("pandas.isna", Clean),
    e("pandas.notnull", Clean),
    e("pandas.notna", Clean),
    k("pandas.crosstab", Explore, Display),
    k("pandas.pivot_table", Explore, Display),
    k("pandas.value_counts", Explore, Display),
    k("pandas.plotting.*", Visualize, Plot),
    k("pandas.tools.plotting.*", Visualize, Plot),
    k("pandas_profiling.ProfileReport", Explore, Display),
    k("ydata_profiling.ProfileReport", Explore, Display),
    k("sweetviz.analyze", Explore, Display),
    // ---- numpy
    k("numpy.load", Load, Loader),
    k("numpy.loadtxt", Load, Loader),
    k("numpy.genfromtxt", Load, Loader),
    k("numpy.fromfile", Load, Loader),
    k("numpy.save", Persist, Saver),
    k("numpy.savez", Persist, Saver),
    k("numpy.savez_compressed", Persist, Saver),
    k("numpy.savetxt", Persist, Saver),
    k("numpy.random.seed", Config, Seed),
    k("numpy.random.default_rng", Config, Seed),
    k("numpy.random.RandomState", Config, Seed),
    k("numpy.set_printoptions", Setup, Setting),
    k("numpy.seterr", Setup, Setting),
    e("numpy.log", Feature),
    e("numpy.log1p", Feature),
    e("numpy.log2", Feature),
    e("numpy.log10", Feature),
    e("numpy.expm1", Feature),
    e("numpy.exp", Feature),
    e("numpy.sqrt", Feature),
    e("numpy.square", Feature),
    e("numpy.power", Feature),
    e("numpy.where", Feature),
    e("numpy.select", Feature),
    e("numpy.digitize", Feature),
    e("numpy.clip", Clean),
    e("numpy.nan_to_num", Clean),
    e("numpy.isnan", Clean),
    k("numpy.unique", Explore, Display),
    k("numpy.bincount", Explore, Display),
    k("numpy.histogram", Explore, Display),
    k("numpy.corrcoef", Explore, Display),
    // ---- scikit-learn module functions (classes are in FAMILIES)
    k("sklearn.datasets.load_*", Load, Loader),
    k("sklearn.datasets.fetch_*", Load, Loader),
    k("sklearn.datasets.make_*", Load, Loader),
    k("sklearn.datasets.dump_svmlight_file", Persist, Saver),
    k("sklearn.metrics.*", Evaluate, Metric),
    k("sklearn.preprocessing.scale", Feature, Transformer),
    k("sklearn.preprocessing.normalize", Feature, Transformer),
    k("sklearn.preprocessing.minmax_scale", Feature, Transformer),
    k("sklearn.preprocessing.robust_scale", Feature, Transformer),
    k("sklearn.preprocessing.maxabs_scale", Feature, Transformer),
    k(
        "sklearn.preprocessing.quantile_transform",
        Feature,
        Transformer,
    ),
    k(
        "sklearn.preprocessing.power_transform",
        Feature,
        Transformer,
    ),
    e("sklearn.preprocessing.label_binarize", Feature),
    e("sklearn.preprocessing.binarize", Feature),
    e("sklearn.feature_selection.*", Feature),
    e("sklearn.utils.class_weight.*", Feature),
    e("sklearn.utils.resample", Feature),
    e("sklearn.utils.shuffle", Split),
    e("sklearn.base.clone", Train),
    k(
        "sklearn.inspection.permutation_importance",
        Evaluate,
        Metric,
    ),
    k("sklearn.inspection.*", Visualize, Plot),
    k("sklearn.tree.plot_tree", Visualize, Plot),
    k("sklearn.tree.export_graphviz", Visualize, Plot),
    k("sklearn.tree.export_text", Explore, Display),
    k("sklearn.set_config", Setup, Setting),
    k("sklearn.externals.joblib.dump", Persist, Saver),
    k("sklearn.externals.joblib.load", Load, Loader),
    k("scikitplot.*", Visualize, Plot),
    k("yellowbrick.*", Visualize, Plot),
    k("mlxtend.plotting.*", Visualize, Plot),
    // ---- joblib
    k("joblib.dump", Persist, Saver),
    k("joblib.load", Load, Loader),
    // ---- matplotlib
    k("matplotlib.pyplot.savefig", Persist, Saver).with(NotData),
    k("matplotlib.pyplot.imread", Load, Loader),
    k("matplotlib.pyplot.imsave", Persist, Saver),
    k("matplotlib.pyplot.style.*", Setup, Setting),
    k("matplotlib.pyplot.rc", Setup, Setting),
    k("matplotlib.pyplot.rcParams.update", Setup, Setting),
    k("matplotlib.pyplot.switch_backend", Setup, Setting),
    k("matplotlib.pyplot.ion", Setup, Setting),
    k("matplotlib.pyplot.*", Visualize, Plot),
    k("matplotlib.pylab.*", Visualize, Plot),
    k("pylab.*", Visualize, Plot),
    k("matplotlib.style.*", Setup, Setting),
    k("matplotlib.rc", Setup, Setting),
    k("matplotlib.rcParams.update", Setup, Setting),
    k("matplotlib.use", Setup, Setting),
    k("matplotlib.*", Visualize, Plot),
    k("mpl_toolkits.*", Visualize, Plot),
    // ---- seaborn
    k("seaborn.set", Setup, Setting),
    k("seaborn.set_style", Setup, Setting),
    k("seaborn.set_theme", Setup, Setting),
    k("seaborn.set_palette", Setup, Setting),
    k("seaborn.set_context", Setup, Setting),
    k("seaborn.set_color_codes", Setup, Setting),
    k("seaborn.load_dataset", Load, Loader),
    k("seaborn.color_palette", Visualize, Plot),
    k("seaborn.*", Visualize, Plot),
    // ---- plotly, bokeh, altair, missingno, wordcloud
    k("plotly.offline.init_notebook_mode", Setup, Setting),
    k("plotly.io.write_*", Persist, Saver).with(NotData),
    k("plotly.io.renderers.*", Setup, Setting),
    k("plotly.*", Visualize, Plot),
    k("cufflinks.go_offline", Setup, Setting),
    k("bokeh.*", Visualize, Plot),
    k("altair.*", Visualize, Plot),
    k("missingno.*", Visualize, Plot),
    k("wordcloud.WordCloud", Visualize, Plot),
    k("folium.*", Visualize, Plot),
    k("graphviz.*", Visualize, Plot),
    // ---- xgboost, lightgbm, catboost (classes are in FAMILIES)
    k("xgboost.train", Train, Estimator),
    k("xgboost.callback.*", Train, NetPart),
    k("lightgbm.early_stopping", Train, NetPart),
    k("lightgbm.log_evaluation", Train, NetPart),
    k("xgboost.cv", Evaluate, CrossValidation),
    e("xgboost.DMatrix", Feature),
    // Drawings of what a fitted booster learned are its results.
    k("xgboost.plot_importance", Evaluate, Plot),
    k("xgboost.plot_tree", Evaluate, Plot),
    k("xgboost.to_graphviz", Evaluate, Plot),
    k("lightgbm.train", Train, Estimator),
    k("lightgbm.cv", Evaluate, CrossValidation),
    e("lightgbm.Dataset", Feature),
    k("lightgbm.plot_*", Evaluate, Plot),
    // Explaining a fitted model's predictions is judging it.
    k("shap.*", Evaluate, Metric),
    k("lightgbm.early_stopping", Train, NetPart),
    k("lightgbm.log_evaluation", Train, NetPart),
    e("catboost.Pool", Feature),
    k("catboost.cv", Evaluate, CrossValidation),
    // ---- keras / tensorflow
    k("tensorflow.keras.models.load_model", Load, Loader),
    k("keras.models.load_model", Load, Loader),
    k("keras.saving.load_model", Load, Loader),
    k("tensorflow.saved_model.load", Load, Loader),
    k("tensorflow.saved_model.save", Persist, Saver),
    k("tensorflow.keras.datasets.*", Load, Loader),
    k("keras.datasets.*", Load, Loader),
    k("tensorflow.keras.utils.get_file", Load, Loader),
    k(
        "tensorflow.keras.utils.image_dataset_from_directory",
        Load,
        Loader,
    ),
    k(
        "tensorflow.keras.preprocessing.image_dataset_from_directory",
        Load,
        Loader,
    ),
    k("keras.utils.image_dataset_from_directory", Load, Loader),
    k(
        "keras.preprocessing.image_dataset_from_directory",
        Load,
        Loader,
    ),
    k("keras.utils.get_file", Load, Loader),
    k("tensorflow.keras.utils.load_img", Load, Loader),
    k("keras.utils.load_img", Load, Loader),
    k(
        "tensorflow.keras.preprocessing.image.load_img",
        Load,
        Loader,
    ),
    k("keras.preprocessing.image.load_img", Load, Loader),
    k("tensorflow.keras.utils.plot_model", Visualize, Plot),
    k("keras.utils.plot_model", Visualize, Plot),
    // A tf.data pipeline over arrays in memory feeds the network (like a
    // DataLoader); one over files reads them.
    e("tensorflow.data.Dataset.from_tensor_slices", Feature),
    e("tensorflow.data.Dataset.from_tensors", Feature),
    e("tensorflow.data.Dataset.from_generator", Feature),
    k("tensorflow.data.*", Load, Loader),
    // ---- Hugging Face transformers: the trainer and its arguments build training;
    // `from_pretrained` downloads weights (load).
    k("transformers.Trainer", Train, Estimator),
    k("transformers.TrainingArguments", Train, NetPart),
    k("tensorflow.io.*", Load, Loader),
    k("tensorflow.random.set_seed", Config, Seed),
    k("tensorflow.set_random_seed", Config, Seed),
    k("tensorflow.compat.v1.set_random_seed", Config, Seed),
    k("tensorflow.keras.utils.set_random_seed", Config, Seed),
    k("keras.utils.set_random_seed", Config, Seed),
    k("tensorflow.config.*", Setup, Setting),
    k("tensorflow.get_logger", Setup, Setting),
    k("tensorflow.compat.v1.logging.*", Setup, Setting),
    k(
        "tensorflow.debugging.set_log_device_placement",
        Setup,
        Setting,
    ),
    k("tensorflow.keras.backend.clear_session", Setup, Setting),
    k("keras.backend.clear_session", Setup, Setting),
    e("tensorflow.keras.utils.to_categorical", Feature),
    e("keras.utils.to_categorical", Feature),
    e("keras.utils.np_utils.to_categorical", Feature),
    e("tensorflow.keras.preprocessing.*", Feature),
    e("keras.preprocessing.*", Feature),
    k("tensorflow.keras.models.*", Train, Estimator).with(FitReturnsResults),
    k("keras.models.*", Train, Estimator).with(FitReturnsResults),
    k("tensorflow.keras.Sequential", Train, Estimator).with(FitReturnsResults),
    k("tensorflow.keras.Model", Train, Estimator).with(FitReturnsResults),
    k("keras.Sequential", Train, Estimator).with(FitReturnsResults),
    // Bare, never imported: a solution notebook that left its imports out.
    k("Sequential", Train, Estimator).with(FitReturnsResults),
    k("keras.Model", Train, Estimator).with(FitReturnsResults),
    // The functional API's input placeholder is the first layer of a network.
    k("keras.Input", Train, NetPart),
    k("tensorflow.keras.Input", Train, NetPart),
    k("tensorflow.keras.layers.*", Train, NetPart),
    k("keras.layers.*", Train, NetPart),
    k("tensorflow.keras.optimizers.*", Train, NetPart),
    k("keras.optimizers.*", Train, NetPart),
    k("tensorflow.keras.callbacks.*", Train, NetPart),
    k("keras.callbacks.*", Train, NetPart),
    k("tensorflow.keras.losses.*", Train, NetPart),
    k("keras.losses.*", Train, NetPart),
    k("tensorflow.keras.regularizers.*", Train, NetPart),
    k("keras.regularizers.*", Train, NetPart),
    k("tensorflow.keras.metrics.*", Evaluate, Metric),
    k("keras.metrics.*", Evaluate, Metric),
    k("tensorflow.keras.applications.*", Train, Estimator),
    k("keras.applications.*", Train, Estimator),
    // A pretrained model wrapped as a layer builds the network.
    k("tensorflow_hub.KerasLayer", Train, NetPart),
    k("pygam.s", Train, NetPart),
    k("pygam.f", Train, NetPart),
    k("pygam.l", Train, NetPart),
    k("pygam.te", Train, NetPart),
    k("tensorflow_hub.*", Load, Loader),
    // TensorFlow 1 graphs: placeholders, variables, losses and optimizers build the
    // network; sessions and the default graph are the runtime.
    k("tensorflow.placeholder", Train, NetPart),
    k("tensorflow.compat.v1.placeholder", Train, NetPart),
    k("tensorflow.Variable", Train, NetPart),
    k("tensorflow.get_variable", Train, NetPart),
    k("tensorflow.compat.v1.get_variable", Train, NetPart),
    k("tensorflow.global_variables_initializer", Train, NetPart),
    k("tensorflow.initialize_all_variables", Train, NetPart),
    k(
        "tensorflow.compat.v1.global_variables_initializer",
        Train,
        NetPart,
    ),
    k("tensorflow.train.Saver", Persist, Saver),
    k("tensorflow.compat.v1.train.Saver", Persist, Saver),
    k("tensorflow.train.*", Train, NetPart),
    k("tensorflow.compat.v1.train.*", Train, NetPart),
    k("tensorflow.nn.*", Train, NetPart),
    k("tensorflow.losses.*", Train, NetPart),
    k("tensorflow.layers.*", Train, NetPart),
    k("tensorflow.contrib.rnn.*", Train, NetPart),
    k("tensorflow.contrib.layers.*", Train, NetPart),
    k("tensorflow.Session", Setup, Setting),
    k("tensorflow.InteractiveSession", Setup, Setting),
    k("tensorflow.compat.v1.Session", Setup, Setting),
    k("tensorflow.compat.v1.InteractiveSession", Setup, Setting),
    k("tensorflow.reset_default_graph", Setup, Setting),
    k("tensorflow.compat.v1.reset_default_graph", Setup, Setting),
    k(
        "tensorflow.python.framework.ops.reset_default_graph",
        Setup,
        Setting,
    ),
    k(
        "tensorflow.compat.v1.disable_eager_execution",
        Setup,
        Setting,
    ),
    // ---- torch
    k("torch.load", Load, Loader),
    k("torch.save", Persist, Saver),
    k("torch.manual_seed", Config, Seed),
    k("torch.cuda.manual_seed", Config, Seed),
    k("torch.cuda.manual_seed_all", Config, Seed),
    k("torch.use_deterministic_algorithms", Config, Seed),
    k("torch.backends.*", Setup, Setting),
    k("torch.set_grad_enabled", Setup, Setting),
    // Which device runs the model is configuration (docs/roles.md), not display.
    k("torch.device", Config, Setting),
    // pytorch-ignite: engines that train and evaluate, their metrics and checkpoints.
    k("ignite.engine.create_supervised_trainer", Train, Estimator),
    k(
        "ignite.engine.create_supervised_evaluator",
        Evaluate,
        Metric,
    ),
    k("ignite.metrics.*", Evaluate, Metric),
    k("torchmetrics.*", Evaluate, Metric),
    k("ignite.handlers.Checkpoint", Persist, Saver),
    k("ignite.handlers.DiskSaver", Persist, Saver),
    k("ignite.handlers.ModelCheckpoint", Persist, Saver),
    k("ignite.handlers.EarlyStopping", Train, NetPart),
    // PyTorch Lightning: the trainer fits; its callbacks and loggers are part of it.
    k("pytorch_lightning.Trainer", Train, Estimator),
    k("lightning.pytorch.Trainer", Train, Estimator),
    k("lightning.Trainer", Train, Estimator),
    k("pytorch_lightning.callbacks.*", Train, NetPart),
    k("lightning.pytorch.callbacks.*", Train, NetPart),
    k("pytorch_lightning.loggers.*", Train, NetPart),
    k("lightning.pytorch.loggers.*", Train, NetPart),
    // Turning arrays into tensors converts types (docs/roles.md: clean).
    e("torch.tensor", Clean),
    e("torch.Tensor", Clean),
    e("torch.FloatTensor", Clean),
    e("torch.LongTensor", Clean),
    e("torch.from_numpy", Clean),
    e("torch.autograd.Variable", Clean),
    // Timing a run is bookkeeping, as a training loop's counters are.
    k("time.time", Config, Setting),
    k("time.perf_counter", Config, Setting),
    k("torch.cuda.is_available", Config, Setting),
    k("torch.cuda.empty_cache", Setup, Setting),
    e("torch.utils.data.DataLoader", Feature),
    e("torch.utils.data.*", Feature),
    k("torch.nn.functional.*", Train, NetPart),
    k("torch.nn.*", Train, NetPart),
    k("torch.optim.*", Train, NetPart),
    k("torchvision.datasets.*", Load, Loader),
    k("torchtext.datasets.*", Load, Loader),
    // A field says how text becomes the model's input: feature work.
    k("torchtext.data.Field", Feature, Transformer),
    k("torchtext.data.LabelField", Feature, Transformer),
    k("torchtext.legacy.data.Field", Feature, Transformer),
    k("torchtext.legacy.data.LabelField", Feature, Transformer),
    k("torchtext.legacy.datasets.*", Load, Loader),
    k("torchtext.data.TabularDataset.*", Load, Loader),
    k("torchtext.legacy.data.TabularDataset.*", Load, Loader),
    k("torchtext.vocab.GloVe", Load, Loader),
    k("torchtext.vocab.FastText", Load, Loader),
    k("torchtext.vocab.Vectors", Load, Loader),
    // Simulating a series is making up data (docs/roles.md: simulated data loads).
    k("statsmodels.api.tsa.arma_generate_sample", Load, Loader),
    k(
        "statsmodels.tsa.arima_process.arma_generate_sample",
        Load,
        Loader,
    ),
    k("statsmodels.api.datasets.*", Load, Loader),
    k("statsmodels.datasets.*", Load, Loader),
    e("torchvision.transforms.*", Feature),
    k("torchvision.models.*", Train, Estimator),
    k("pytorch_pretrained_bert.*", Load, Loader),
    // ---- statsmodels
    k("statsmodels.api.OLS", Train, Estimator).with(FitReturnsResults),
    k("statsmodels.api.WLS", Train, Estimator).with(FitReturnsResults),
    k("statsmodels.api.GLS", Train, Estimator).with(FitReturnsResults),
    k("statsmodels.api.GLM", Train, Estimator).with(FitReturnsResults),
    k("statsmodels.api.Logit", Train, Estimator).with(FitReturnsResults),
    k("statsmodels.api.Probit", Train, Estimator).with(FitReturnsResults),
    k("statsmodels.api.MNLogit", Train, Estimator).with(FitReturnsResults),
    k("statsmodels.api.Poisson", Train, Estimator).with(FitReturnsResults),
    k("statsmodels.api.RLM", Train, Estimator).with(FitReturnsResults),
    k("statsmodels.api.QuantReg", Train, Estimator).with(FitReturnsResults),
    k("statsmodels.api.MixedLM", Train, Estimator).with(FitReturnsResults),
    k("statsmodels.api.GLSAR", Train, Estimator).with(FitReturnsResults),
    k("pandas_datareader.*", Load, Loader),
    // A study's plots show the search: tuning, not a look at data.
    k("optuna.visualization.*", Tune, Plot),
    k("hyperopt.plotting.*", Tune, Plot),
    // Hugging Face's `evaluate` library loads metrics, not data.
    k("evaluate.load", Evaluate, Metric),
    // SageMaker: the session and the role are the account's settings, the container
    // image is a setting of the job, the channels are the model's inputs.
    k("sagemaker.Session", Setup, Setting),
    k("sagemaker.session.Session", Setup, Setting),
    k("sagemaker.get_execution_role", Setup, Setting),
    e("sagemaker.image_uris.retrieve", Config),
    e("sagemaker.amazon.amazon_estimator.get_image_uri", Config),
    e("sagemaker.s3_input", Feature),
    e("sagemaker.inputs.TrainingInput", Feature),
    k("sagemaker.estimator.Estimator", Train, Estimator),
    k("sagemaker.tuner.HyperparameterTuner", Tune, Search),
    // How a study samples and stops its trials is part of the search.
    e("optuna.samplers.*", Tune),
    e("optuna.pruners.*", Tune),
    e("optuna.load_study", Tune),
    k("optuna.logging.*", Setup, Setting),
    e("statsmodels.api.add_constant", Feature),
    k("statsmodels.api.qqplot", Visualize, Plot),
    k("statsmodels.api.graphics.*", Visualize, Plot),
    k("statsmodels.api.stats.*", Explore, Display),
    k("statsmodels.api.tsa.*", Train, Estimator).with(FitReturnsResults),
    k("statsmodels.formula.api.*", Train, Estimator).with(FitReturnsResults),
    k("statsmodels.regression.*", Train, Estimator).with(FitReturnsResults),
    k("statsmodels.discrete.*", Train, Estimator).with(FitReturnsResults),
    k("statsmodels.genmod.families.*", Train, NetPart),
    k("statsmodels.genmod.*", Train, Estimator).with(FitReturnsResults),
    k(
        "statsmodels.tsa.seasonal.seasonal_decompose",
        Explore,
        Display,
    ),
    k("statsmodels.tsa.seasonal.STL", Explore, Display),
    k("statsmodels.tsa.stattools.*", Explore, Display),
    // Date helpers: building an index for the data.
    e("statsmodels.tsa.datetools.*", Clean),
    e("statsmodels.api.tsa.datetools.*", Clean),
    k("statsmodels.graphics.*", Visualize, Plot),
    k("statsmodels.stats.*", Explore, Display),
    k("statsmodels.tsa.*", Train, Estimator).with(FitReturnsResults),
    k("pmdarima.auto_arima", Tune, Search),
    k("pmdarima.arima.auto_arima", Tune, Search),
    k("prophet.Prophet", Train, Estimator),
    k("fbprophet.Prophet", Train, Estimator),
    // statsforecast: the models and the object that fits them on many series.
    k("statsforecast.models.*", Train, Estimator),
    k("statsforecast.StatsForecast", Train, Estimator),
    k("statsforecast.StatsForecast.plot", Visualize, Plot),
    k("statsforecast.core.StatsForecast", Train, Estimator),
    // pytorch-forecasting: the data set builds the inputs; its networks train.
    e("pytorch_forecasting.TimeSeriesDataSet", Feature),
    e("pytorch_forecasting.TimeSeriesDataSet.*", Feature),
    e("pytorch_forecasting.data.*", Feature),
    k("pytorch_forecasting.metrics.*", Evaluate, Metric),
    k("pytorch_forecasting.*", Train, Estimator),
    // pytorch-tabular: the data config shapes the inputs; the others the model.
    e("pytorch_tabular.config.DataConfig", Feature),
    k("pytorch_tabular.config.*", Train, NetPart),
    k("pytorch_tabular.models.*", Train, NetPart),
    k("pytorch_tabular.TabularModel", Train, Estimator),
    // ---- scipy
    k("scipy.io.loadmat", Load, Loader),
    k("scipy.io.savemat", Persist, Saver),
    k("scipy.io.arff.loadarff", Load, Loader),
    k("scipy.sparse.load_npz", Load, Loader),
    k("scipy.sparse.save_npz", Persist, Saver),
    e("scipy.stats.boxcox", Feature),
    e("scipy.stats.yeojohnson", Feature),
    e("scipy.stats.zscore", Feature),
    e("scipy.special.boxcox1p", Feature),
    e("scipy.special.inv_boxcox1p", Feature),
    k("scipy.stats.probplot", Visualize, Plot),
    // Distributions a random search draws hyperparameters from are settings.
    e("scipy.stats.randint", Config),
    e("scipy.stats.uniform", Config),
    e("scipy.stats.loguniform", Config),
    e("scipy.stats.reciprocal", Config),
    e("sklearn.utils.fixes.loguniform", Config),
    k("scipy.stats.*", Explore, Display),
    k("scipy.cluster.hierarchy.dendrogram", Visualize, Plot),
    k("scipy.cluster.*", Train, Estimator),
    k("scipy.optimize.*", Train, Estimator),
    e("scipy.signal.*", Feature),
    e("scipy.ndimage.*", Feature),
    // ---- text
    e("nltk.tokenize.*", Feature),
    e("nltk.word_tokenize", Feature),
    e("nltk.stem.*", Feature),
    e("textblob.TextBlob", Feature),
    k("spacy.load", Load, Loader),
    k("gensim.models.Word2Vec", Train, Estimator),
    k(
        "gensim.models.KeyedVectors.load_word2vec_format",
        Load,
        Loader,
    ),
];

/// Class and function names that may live anywhere under their packages
/// (`sklearn.ensemble.RandomForestClassifier`, `sklearn.ensemble.forest.…`).
/// A bare name that was never imported also matches (a star import, or a
/// definition lost with a deleted cell).
pub struct Family {
    pub packages: &'static [&'static str],
    pub names: &'static [&'static str],
    pub role: Role,
    pub kind: Option<ApiKind>,
}

const SKLEARN: &[&str] = &["sklearn"];

pub static FAMILIES: &[Family] = &[
    // ---- fastai (usually star-imported: `from fastai.vision.all import *`)
    Family {
        packages: &["fastai"],
        names: &[
            "cnn_learner",
            "vision_learner",
            "tabular_learner",
            "text_classifier_learner",
            "language_model_learner",
            "unet_learner",
            "collab_learner",
            "Learner",
        ],
        role: Train,
        kind: Some(Estimator),
    },
    Family {
        packages: &["fastai"],
        names: &[
            "ImageDataLoaders",
            "TabularDataLoaders",
            "TextDataLoaders",
            "SegmentationDataLoaders",
            "untar_data",
        ],
        role: Load,
        kind: Some(Loader),
    },
    // ---- scikit-learn estimators, by module
    Family {
        packages: SKLEARN,
        names: &[
            // linear_model
            "ARDRegression",
            "BayesianRidge",
            "ElasticNet",
            "GammaRegressor",
            "HuberRegressor",
            "Lars",
            "Lasso",
            "LassoLars",
            "LassoLarsIC",
            "LinearRegression",
            "LogisticRegression",
            "MultiTaskElasticNet",
            "MultiTaskLasso",
            "OrthogonalMatchingPursuit",
            "PassiveAggressiveClassifier",
            "PassiveAggressiveRegressor",
            "Perceptron",
            "PoissonRegressor",
            "QuantileRegressor",
            "RANSACRegressor",
            "Ridge",
            "RidgeClassifier",
            "SGDClassifier",
            "SGDOneClassSVM",
            "SGDRegressor",
            "TheilSenRegressor",
            "TweedieRegressor",
            "RandomizedLogisticRegression",
            // ensemble
            "AdaBoostClassifier",
            "AdaBoostRegressor",
            "BaggingClassifier",
            "BaggingRegressor",
            "ExtraTreesClassifier",
            "ExtraTreesRegressor",
            "GradientBoostingClassifier",
            "GradientBoostingRegressor",
            "HistGradientBoostingClassifier",
            "HistGradientBoostingRegressor",
            "IsolationForest",
            "RandomForestClassifier",
            "RandomForestRegressor",
            "StackingClassifier",
            "StackingRegressor",
            "VotingClassifier",
            "VotingRegressor",
            // tree
            "DecisionTreeClassifier",
            "DecisionTreeRegressor",
            "ExtraTreeClassifier",
            "ExtraTreeRegressor",
            // svm
            "SVC",
            "NuSVC",
            "LinearSVC",
            "SVR",
            "NuSVR",
            "LinearSVR",
            "OneClassSVM",
            // neighbors
            "KNeighborsClassifier",
            "KNeighborsRegressor",
            "RadiusNeighborsClassifier",
            "RadiusNeighborsRegressor",
            "NearestNeighbors",
            "NearestCentroid",
            "LocalOutlierFactor",
            "KernelDensity",
            // naive_bayes, discriminant_analysis
            "BernoulliNB",
            "CategoricalNB",
            "ComplementNB",
            "GaussianNB",
            "MultinomialNB",
            "LinearDiscriminantAnalysis",
            "QuadraticDiscriminantAnalysis",
            // gaussian_process, neural_network, isotonic, kernel_ridge
            "GaussianProcessClassifier",
            "GaussianProcessRegressor",
            "MLPClassifier",
            "MLPRegressor",
            "IsotonicRegression",
            "KernelRidge",
            // cluster, mixture
            "AffinityPropagation",
            "AgglomerativeClustering",
            "Birch",
            "BisectingKMeans",
            "DBSCAN",
            "HDBSCAN",
            "KMeans",
            "MeanShift",
            "MiniBatchKMeans",
            "OPTICS",
            "SpectralClustering",
            "SpectralBiclustering",
            "SpectralCoclustering",
            "GaussianMixture",
            "BayesianGaussianMixture",
            "GMM",
            // calibration, multiclass, multioutput, semi_supervised, dummy, compose
            "CalibratedClassifierCV",
            "OneVsOneClassifier",
            "OneVsRestClassifier",
            "OutputCodeClassifier",
            "ClassifierChain",
            "RegressorChain",
            "MultiOutputClassifier",
            "MultiOutputRegressor",
            "LabelPropagation",
            "LabelSpreading",
            "SelfTrainingClassifier",
            "DummyClassifier",
            "DummyRegressor",
            "TransformedTargetRegressor",
            "FixedThresholdClassifier",
            "FrozenEstimator",
            // covariance, cross_decomposition
            "EllipticEnvelope",
            "EmpiricalCovariance",
            "MinCovDet",
            "LedoitWolf",
            "OAS",
            "ShrunkCovariance",
            "GraphicalLasso",
            "GraphicalLassoCV",
            "PLSRegression",
            "PLSCanonical",
            "CCA",
            // pipeline
            "Pipeline",
            "make_pipeline",
        ],
        role: Train,
        kind: Some(Estimator),
    },
    Family {
        packages: SKLEARN,
        names: &[
            // preprocessing
            "StandardScaler",
            "MinMaxScaler",
            "MaxAbsScaler",
            "RobustScaler",
            "Normalizer",
            "Binarizer",
            "LabelEncoder",
            "OneHotEncoder",
            "OrdinalEncoder",
            "LabelBinarizer",
            "MultiLabelBinarizer",
            "PolynomialFeatures",
            "PowerTransformer",
            "QuantileTransformer",
            "KBinsDiscretizer",
            "FunctionTransformer",
            "SplineTransformer",
            "TargetEncoder",
            "KernelCenterer",
            "Imputer",
            // compose, pipeline
            "ColumnTransformer",
            "make_column_transformer",
            "FeatureUnion",
            "make_union",
            // feature_selection
            "SelectKBest",
            "SelectPercentile",
            "SelectFdr",
            "SelectFpr",
            "SelectFwe",
            "GenericUnivariateSelect",
            "RFE",
            "RFECV",
            "SelectFromModel",
            "SequentialFeatureSelector",
            "VarianceThreshold",
            // decomposition, manifold, random_projection, kernel_approximation
            "PCA",
            "IncrementalPCA",
            "KernelPCA",
            "SparsePCA",
            "MiniBatchSparsePCA",
            "TruncatedSVD",
            "NMF",
            "MiniBatchNMF",
            "FastICA",
            "FactorAnalysis",
            "LatentDirichletAllocation",
            "DictionaryLearning",
            "MiniBatchDictionaryLearning",
            "SparseCoder",
            "RandomizedPCA",
            "TSNE",
            "Isomap",
            "MDS",
            "ClassicalMDS",
            "LocallyLinearEmbedding",
            "SpectralEmbedding",
            "GaussianRandomProjection",
            "SparseRandomProjection",
            "RBFSampler",
            "Nystroem",
            "AdditiveChi2Sampler",
            "SkewedChi2Sampler",
            "PolynomialCountSketch",
            "RandomTreesEmbedding",
            "FeatureAgglomeration",
            "NeighborhoodComponentsAnalysis",
            "KNeighborsTransformer",
            "RadiusNeighborsTransformer",
            "BernoulliRBM",
            "PLSSVD",
            // feature_extraction
            "CountVectorizer",
            "TfidfVectorizer",
            "HashingVectorizer",
            "TfidfTransformer",
            "DictVectorizer",
            "FeatureHasher",
            "PatchExtractor",
        ],
        role: Feature,
        kind: Some(Transformer),
    },
    Family {
        packages: SKLEARN,
        names: &[
            "SimpleImputer",
            "KNNImputer",
            "IterativeImputer",
            "MissingIndicator",
        ],
        role: Clean,
        kind: Some(Transformer),
    },
    Family {
        packages: SKLEARN,
        names: &[
            "train_test_split",
            "KFold",
            "StratifiedKFold",
            "GroupKFold",
            "StratifiedGroupKFold",
            "ShuffleSplit",
            "StratifiedShuffleSplit",
            "GroupShuffleSplit",
            "TimeSeriesSplit",
            "LeaveOneOut",
            "LeavePOut",
            "LeaveOneGroupOut",
            "LeavePGroupsOut",
            "RepeatedKFold",
            "RepeatedStratifiedKFold",
            "PredefinedSplit",
            "check_cv",
        ],
        role: Split,
        kind: Some(Splitter),
    },
    Family {
        packages: SKLEARN,
        names: &[
            "GridSearchCV",
            "RandomizedSearchCV",
            "HalvingGridSearchCV",
            "HalvingRandomSearchCV",
            "ParameterGrid",
            "ParameterSampler",
            "TunedThresholdClassifierCV",
        ],
        role: Tune,
        kind: Some(Search),
    },
    Family {
        packages: SKLEARN,
        names: &[
            "cross_val_score",
            "cross_validate",
            "cross_val_predict",
            "learning_curve",
            "permutation_test_score",
        ],
        role: Evaluate,
        kind: Some(CrossValidation),
    },
    // Scores over a range of one hyperparameter's values: a search drawn, not run.
    Family {
        packages: SKLEARN,
        names: &["validation_curve"],
        role: Tune,
        kind: Some(CrossValidation),
    },
    Family {
        packages: SKLEARN,
        names: &[
            "accuracy_score",
            "balanced_accuracy_score",
            "f1_score",
            "fbeta_score",
            "precision_score",
            "recall_score",
            "roc_auc_score",
            "roc_curve",
            "auc",
            "precision_recall_curve",
            "average_precision_score",
            "log_loss",
            "confusion_matrix",
            "classification_report",
            "mean_squared_error",
            "mean_absolute_error",
            "mean_squared_log_error",
            "root_mean_squared_error",
            "median_absolute_error",
            "mean_absolute_percentage_error",
            "r2_score",
            "explained_variance_score",
            "cohen_kappa_score",
            "matthews_corrcoef",
            "hamming_loss",
            "jaccard_score",
            "zero_one_loss",
            "brier_score_loss",
            "silhouette_score",
            "adjusted_rand_score",
            "precision_recall_fscore_support",
            "plot_confusion_matrix",
            "plot_roc_curve",
            "plot_precision_recall_curve",
            "ConfusionMatrixDisplay",
            "RocCurveDisplay",
            "PrecisionRecallDisplay",
            "DetCurveDisplay",
            "PredictionErrorDisplay",
            "make_scorer",
            "get_scorer",
        ],
        role: Evaluate,
        kind: Some(Metric),
    },
    // ---- boosting libraries
    Family {
        packages: &["xgboost"],
        names: &[
            "XGBClassifier",
            "XGBRegressor",
            "XGBRanker",
            "XGBRFClassifier",
            "XGBRFRegressor",
            "Booster",
        ],
        role: Train,
        kind: Some(Estimator),
    },
    Family {
        packages: &["lightgbm"],
        names: &[
            "LGBMClassifier",
            "LGBMRegressor",
            "LGBMRanker",
            "LGBMModel",
            "Booster",
        ],
        role: Train,
        kind: Some(Estimator),
    },
    Family {
        packages: &["catboost"],
        names: &[
            "CatBoostClassifier",
            "CatBoostRegressor",
            "CatBoostRanker",
            "CatBoost",
        ],
        role: Train,
        kind: Some(Estimator),
    },
    // ---- imbalanced-learn
    Family {
        packages: &["imblearn"],
        names: &[
            "SMOTE",
            "SMOTENC",
            "SMOTEN",
            "ADASYN",
            "BorderlineSMOTE",
            "SVMSMOTE",
            "KMeansSMOTE",
            "RandomOverSampler",
            "RandomUnderSampler",
            "NearMiss",
            "TomekLinks",
            "EditedNearestNeighbours",
            "RepeatedEditedNearestNeighbours",
            "AllKNN",
            "CondensedNearestNeighbour",
            "OneSidedSelection",
            "NeighbourhoodCleaningRule",
            "InstanceHardnessThreshold",
            "ClusterCentroids",
            "SMOTEENN",
            "SMOTETomek",
        ],
        role: Feature,
        kind: Some(Resampler),
    },
    Family {
        packages: &["imblearn"],
        names: &[
            "Pipeline",
            "make_pipeline",
            "BalancedRandomForestClassifier",
            "BalancedBaggingClassifier",
            "EasyEnsembleClassifier",
            "RUSBoostClassifier",
        ],
        role: Train,
        kind: Some(Estimator),
    },
    Family {
        packages: &["imblearn"],
        names: &["classification_report_imbalanced", "geometric_mean_score"],
        role: Evaluate,
        kind: Some(Metric),
    },
    // ---- mlxtend, hyperopt, optuna
    Family {
        packages: &["mlxtend"],
        names: &[
            "StackingClassifier",
            "StackingCVClassifier",
            "StackingRegressor",
            "EnsembleVoteClassifier",
        ],
        role: Train,
        kind: Some(Estimator),
    },
    Family {
        packages: &["hyperopt", "optuna", "skopt", "bayes_opt"],
        names: &[
            "fmin",
            // Records a search's trials as it runs: `trials.argmin`, `trials.results`.
            "Trials",
            "create_study",
            "BayesSearchCV",
            "gp_minimize",
            "BayesianOptimization",
        ],
        role: Tune,
        kind: Some(Search),
    },
    // ---- keras' preprocessing objects: fitted to the data (`datagen.fit(X)`,
    // `tokenizer.fit_on_texts(texts)`, `layer.adapt(ds)`), they shape the inputs.
    Family {
        packages: &["keras", "tensorflow"],
        names: &[
            "ImageDataGenerator",
            "Tokenizer",
            "TextVectorization",
            "Normalization",
        ],
        role: Feature,
        kind: Some(Transformer),
    },
    // ---- keras' layers, matched bare where a solution notebook left the imports out
    // (`Sequential` itself is in QUALIFIED, which keeps its results tag).
    Family {
        packages: &["keras", "tensorflow"],
        names: &[
            "Dense",
            "Dropout",
            "Conv1D",
            "Conv2D",
            "MaxPooling1D",
            "MaxPooling2D",
            "Flatten",
            "LSTM",
            "GRU",
            "SimpleRNN",
            "Embedding",
            "BatchNormalization",
        ],
        role: Train,
        kind: Some(NetPart),
    },
    // ---- keras models wrapped as scikit-learn estimators (for a grid search).
    Family {
        packages: &["keras", "tensorflow", "scikeras"],
        names: &["KerasClassifier", "KerasRegressor"],
        role: Train,
        kind: Some(Estimator),
    },
    // ---- pygam: generalised additive models and their terms.
    Family {
        packages: &["pygam"],
        names: &[
            "LogisticGAM",
            "LinearGAM",
            "PoissonGAM",
            "GammaGAM",
            "ExpectileGAM",
            "GAM",
        ],
        role: Train,
        kind: Some(Estimator),
    },
    // ---- tslearn: clustering and classifying series.
    Family {
        packages: &["tslearn"],
        names: &[
            "TimeSeriesKMeans",
            "KShape",
            "KernelKMeans",
            "KNeighborsTimeSeriesClassifier",
            "TimeSeriesSVC",
        ],
        role: Train,
        kind: Some(Estimator),
    },
    // ---- scikit-learn estimators that choose their own regularisation by
    // cross-validation while they fit: fitting one tunes (docs/roles.md).
    Family {
        packages: SKLEARN,
        names: &[
            "ElasticNetCV",
            "LarsCV",
            "LassoCV",
            "LassoLarsCV",
            "LogisticRegressionCV",
            "MultiTaskElasticNetCV",
            "MultiTaskLassoCV",
            "OrthogonalMatchingPursuitCV",
            "RidgeCV",
            "RidgeClassifierCV",
        ],
        role: Tune,
        kind: Some(Estimator),
    },
    // ---- AutoML: searches over models and their settings.
    Family {
        packages: &["flaml", "tpot", "autosklearn", "autogluon", "supervised"],
        names: &[
            "AutoML",
            "TPOTClassifier",
            "TPOTRegressor",
            "AutoSklearnClassifier",
            "AutoSklearnRegressor",
            "TabularPredictor",
        ],
        role: Tune,
        kind: Some(Search),
    },
    // ---- keras-tuner (kerastuner is its old name)
    Family {
        packages: &["keras_tuner", "kerastuner"],
        names: &[
            "RandomSearch",
            "Hyperband",
            "BayesianOptimization",
            "GridSearch",
            "HyperParameters",
        ],
        role: Tune,
        kind: Some(Search),
    },
];

/// Methods called on a variable (not a module), by name. `fit` and friends are
/// refined by the receiver's kind in `crate::roles`.
pub static METHODS: &[ApiEntry] = &[
    // ---- displays
    k(".head", Explore, Display),
    k(".tail", Explore, Display),
    k(".describe", Explore, Display),
    k(".info", Explore, Display),
    k(".value_counts", Explore, Display),
    k(".nunique", Explore, Display),
    k(".unique", Explore, Display),
    k(".corr", Explore, Display),
    k(".cov", Explore, Display),
    k(".sample", Explore, Display),
    k(".memory_usage", Explore, Display),
    k(".duplicated", Explore, Display),
    k(".groupby", Explore, Display),
    k(".pivot_table", Explore, Display),
    k(".crosstab", Explore, Display),
    k(".agg", Explore, Display),
    k(".aggregate", Explore, Display),
    k(".nlargest", Explore, Display),
    k(".nsmallest", Explore, Display),
    k(".idxmax", Explore, Display),
    k(".idxmin", Explore, Display),
    k(".skew", Explore, Display),
    k(".kurt", Explore, Display),
    k(".kurtosis", Explore, Display),
    k(".quantile", Explore, Display),
    k(".summary", Evaluate, Metric),
    k(".summary2", Evaluate, Metric),
    k(".count_params", Explore, Display),
    // A network's learned weights read out (`embedding_layer.get_weights()[0]`).
    e(".get_weights", Evaluate),
    k(".get_params", Explore, Display),
    k(".get_feature_names_out", Explore, Display),
    k(".get_feature_names", Explore, Display),
    k(".style", Explore, Display),
    // ---- cleaning
    e(".dropna", Clean),
    e(".fillna", Clean),
    e(".drop_duplicates", Clean),
    e(".drop", Clean),
    e(".astype", Clean),
    e(".replace", Clean),
    e(".rename", Clean),
    e(".interpolate", Clean),
    e(".bfill", Clean),
    e(".ffill", Clean),
    e(".backfill", Clean),
    e(".clip", Clean),
    e(".isnull", Clean),
    e(".isna", Clean),
    e(".notnull", Clean),
    e(".notna", Clean),
    e(".reset_index", Clean),
    e(".set_index", Clean),
    e(".sort_values", Clean),
    e(".sort_index", Clean),
    e(".merge", Clean),
    e(".join", Clean),
    e(".concat", Clean),
    e(".melt", Clean),
    e(".pivot", Clean),
    e(".stack", Clean),
    e(".unstack", Clean),
    e(".explode", Clean),
    e(".strip", Clean),
    e(".lower", Clean),
    e(".upper", Clean),
    e(".convert_dtypes", Clean),
    e(".infer_objects", Clean),
    e(".to_datetime", Clean),
    e(".to_numeric", Clean),
    e(".round", Clean),
    e(".dropna_", Clean),
    // ---- features
    e(".map", Feature),
    e(".apply", Feature),
    e(".applymap", Feature),
    e(".assign", Feature),
    e(".get_dummies", Feature),
    e(".extract", Feature),
    e(".cut", Feature),
    e(".qcut", Feature),
    e(".shift", Feature),
    e(".diff", Feature),
    e(".pct_change", Feature),
    e(".cumsum", Feature),
    e(".rolling", Feature),
    e(".expanding", Feature),
    e(".ewm", Feature),
    e(".resample", Feature),
    e(".rank", Feature),
    e(".factorize", Feature),
    e(".transform", Feature),
    e(".fit_transform", Feature).with(Fits),
    e(".inverse_transform", Feature),
    e(".fit_resample", Feature).with(Fits),
    e(".fit_sample", Feature).with(Fits),
    e(".texts_to_sequences", Feature),
    e(".fit_on_texts", Feature),
    e(".flow", Feature),
    // Reads the image files of a folder (or those a frame lists) in batches.
    k(".flow_from_directory", Load, Loader),
    k(".flow_from_dataframe", Load, Loader),
    // ---- modelling
    e(".fit", Train).with(Fits),
    e(".partial_fit", Train).with(Fits),
    e(".fit_generator", Train).with(Fits),
    e(".train", Train).with(Fits),
    // fastai's learners.
    e(".fine_tune", Train).with(Fits),
    e(".fit_one_cycle", Train).with(Fits),
    e(".fit_flat_cos", Train).with(Fits),
    e(".lr_find", Tune),
    e(".compile", Train),
    e(".add", Train),
    e(".backward", Train),
    e(".step", Train),
    e(".zero_grad", Train),
    // A TensorFlow 1 optimizer's training step (`my_opt.minimize(loss)`).
    e(".minimize", Train),
    e(".fit_predict", Train),
    e(".split", Clean),
    e(".get_n_splits", Split),
    e(".predict", Predict),
    e(".predict_proba", Predict),
    e(".predict_log_proba", Predict),
    e(".decision_function", Predict),
    e(".predict_classes", Predict),
    e(".predict_generator", Predict),
    e(".forecast", Predict),
    e(".get_forecast", Predict),
    e(".get_prediction", Predict),
    e(".get_forecast", Predict),
    e(".score", Evaluate),
    e(".evals_result", Evaluate),
    // Prophet's frame of the dates to forecast.
    e(".make_future_dataframe", Predict),
    e(".evaluate", Evaluate),
    e(".evaluate_generator", Evaluate),
    e(".score_samples", Evaluate),
    e(".get_booster", Explore),
    e(".feature_importances_", Explore),
    // ---- plots (any `.plot`, `.plot.bar`, `.hist`, axes methods)
    k(".plot", Visualize, Plot),
    k(".hist", Visualize, Plot),
    k(".boxplot", Visualize, Plot),
    k(".scatter", Visualize, Plot),
    k(".bar", Visualize, Plot),
    k(".barh", Visualize, Plot),
    k(".pie", Visualize, Plot),
    k(".imshow", Visualize, Plot),
    k(".matshow", Visualize, Plot),
    k(".heatmap", Visualize, Plot),
    k(".kde", Visualize, Plot),
    k(".area", Visualize, Plot),
    k(".box", Visualize, Plot),
    k(".line", Visualize, Plot),
    k(".density", Visualize, Plot),
    k(".contour", Visualize, Plot),
    k(".contourf", Visualize, Plot),
    k(".errorbar", Visualize, Plot),
    k(".fill_between", Visualize, Plot),
    k(".set_title", Visualize, Plot),
    k(".set_xlabel", Visualize, Plot),
    k(".set_ylabel", Visualize, Plot),
    k(".set_xlim", Visualize, Plot),
    k(".set_ylim", Visualize, Plot),
    k(".set_xticks", Visualize, Plot),
    k(".set_yticks", Visualize, Plot),
    k(".set_xticklabels", Visualize, Plot),
    k(".set_yticklabels", Visualize, Plot),
    k(".set_xscale", Visualize, Plot),
    k(".set_yscale", Visualize, Plot),
    k(".set_aspect", Visualize, Plot),
    k(".set_facecolor", Visualize, Plot),
    k(".set", Visualize, Plot),
    k(".legend", Visualize, Plot),
    k(".annotate", Visualize, Plot),
    k(".text", Visualize, Plot),
    k(".axhline", Visualize, Plot),
    k(".axvline", Visualize, Plot),
    k(".grid", Visualize, Plot),
    k(".colorbar", Visualize, Plot),
    k(".suptitle", Visualize, Plot),
    k(".tight_layout", Visualize, Plot),
    k(".subplots_adjust", Visualize, Plot),
    k(".add_subplot", Visualize, Plot),
    k(".add_axes", Visualize, Plot),
    k(".tick_params", Visualize, Plot),
    k(".invert_yaxis", Visualize, Plot),
    k(".map_dataframe", Visualize, Plot),
    k(".map_diag", Visualize, Plot),
    k(".map_offdiag", Visualize, Plot),
    k(".map_upper", Visualize, Plot),
    k(".map_lower", Visualize, Plot),
    k(".add_legend", Visualize, Plot),
    k(".update_layout", Visualize, Plot),
    k(".update_traces", Visualize, Plot),
    k(".add_trace", Visualize, Plot),
    k(".iplot", Visualize, Plot),
    k(".show", Visualize, Plot),
    k(".to_image", Visualize, Plot),
    k(".generate", Visualize, Plot),
    k(".plot_diagnostics", Visualize, Plot),
    k(".plot_components", Visualize, Plot),
    // ---- persistence
    k(".to_csv", Persist, Saver),
    k(".to_excel", Persist, Saver),
    k(".to_parquet", Persist, Saver),
    k(".to_pickle", Persist, Saver),
    k(".to_feather", Persist, Saver),
    k(".to_hdf", Persist, Saver),
    k(".to_sql", Persist, Saver),
    k(".to_stata", Persist, Saver),
    k(".to_json", Persist, Saver),
    k(".to_xml", Persist, Saver),
    k(".savefig", Persist, Saver).with(NotData),
    k(".save", Persist, Saver),
    k(".save_model", Persist, Saver),
    k(".save_weights", Persist, Saver),
    k(".write_html", Persist, Saver).with(NotData),
    k(".write_image", Persist, Saver).with(NotData),
    k(".to_file", Persist, Saver),
    // SageMaker's session copies local files to S3 for training or serving.
    k(".upload_data", Persist, Saver),
    k(".write", Persist, Saver).with(Content),
    k(".writelines", Persist, Saver).with(Content),
    k(".write_text", Persist, Saver).with(Content),
    k(".write_bytes", Persist, Saver).with(Content),
    k(".writerow", Persist, Saver).with(Content),
    k(".writerows", Persist, Saver).with(Content),
    k(".commit", Persist, Saver).with(Content),
    // ---- loading
    k(".read", Load, Loader).with(Content),
    // Unpacking a downloaded archive (`zip_ref.extractall()`) finishes fetching the data.
    k(".extractall", Load, Loader),
    k(".readlines", Load, Loader).with(Content),
    k(".readline", Load, Loader).with(Content),
    k(".read_text", Load, Loader),
    k(".read_bytes", Load, Loader),
    k(".load_model", Load, Loader),
    k(".load_weights", Load, Loader),
    k(".load_data", Load, Loader),
    k(".load_state_dict", Load, Loader),
    k(".execute", Load, Loader).with(Content),
    k(".fetchall", Load, Loader).with(Content),
    k(".from_pretrained", Load, Loader),
    // A trained network read back from its checkpoint (Lightning, pytorch-forecasting).
    k(".load_from_checkpoint", Load, Loader),
    k(".iterdir", Explore, Display),
    k(".glob", Load, Loader).with(NotData),
    k(".rglob", Load, Loader).with(NotData),
    k(".mkdir", Setup, Setting),
    k(".set_option", Setup, Setting),
    k(".seed", Config, Seed),
    k(".manual_seed", Config, Seed),
    k(".set_seed", Config, Seed),
    k(".filterwarnings", Setup, Setting),
    k(".simplefilter", Setup, Setting),
    k(".set_style", Setup, Setting),
    k(".use", Setup, Setting),
];

/// Estimators whose result depends on a random number generator with their
/// default settings, so an unset `random_state` makes runs differ. Estimators
/// that are random only with some settings are in [`RANDOM_IF`]. (xgboost,
/// lightgbm and catboost are seeded by default, so they are not listed.)
pub static RANDOM_BY_DEFAULT: &[&str] = &[
    "RandomForestClassifier",
    "RandomForestRegressor",
    "ExtraTreesClassifier",
    "ExtraTreesRegressor",
    "ExtraTreeClassifier",
    "ExtraTreeRegressor",
    "DecisionTreeClassifier",
    "DecisionTreeRegressor",
    "GradientBoostingClassifier",
    "GradientBoostingRegressor",
    "HistGradientBoostingClassifier",
    "HistGradientBoostingRegressor",
    "AdaBoostClassifier",
    "AdaBoostRegressor",
    "BaggingClassifier",
    "BaggingRegressor",
    "IsolationForest",
    "RandomTreesEmbedding",
    "MLPClassifier",
    "MLPRegressor",
    "SGDClassifier",
    "SGDRegressor",
    "SGDOneClassSVM",
    "Perceptron",
    "PassiveAggressiveClassifier",
    "PassiveAggressiveRegressor",
    "LinearSVC",
    "LinearSVR",
    "KMeans",
    "MiniBatchKMeans",
    "BisectingKMeans",
    "SpectralClustering",
    "GaussianMixture",
    "BayesianGaussianMixture",
    "TSNE",
    "MDS",
    "FastICA",
    "LatentDirichletAllocation",
    "GaussianRandomProjection",
    "SparseRandomProjection",
    "RBFSampler",
    "Nystroem",
    "RANSACRegressor",
    "TheilSenRegressor",
    "BalancedRandomForestClassifier",
    "BalancedBaggingClassifier",
    "EasyEnsembleClassifier",
    "RUSBoostClassifier",
    "SMOTE",
    "SMOTENC",
    "ADASYN",
    "BorderlineSMOTE",
    "SVMSMOTE",
    "KMeansSMOTE",
    "RandomOverSampler",
    "RandomUnderSampler",
    "ClusterCentroids",
    "SMOTEENN",
    "SMOTETomek",
    "RandomizedSearchCV",
    "HalvingRandomSearchCV",
    "ShuffleSplit",
    "StratifiedShuffleSplit",
    "GroupShuffleSplit",
    "RepeatedKFold",
    "RepeatedStratifiedKFold",
    "train_test_split",
];

/// Estimators random only with a setting: `(name, keyword, values that make it random)`.
/// An empty value list means "when the keyword is true".
pub static RANDOM_IF: &[(&str, &str, &[&str])] = &[
    (
        "LogisticRegression",
        "solver",
        &["sag", "saga", "liblinear"],
    ),
    ("Ridge", "solver", &["sag", "saga"]),
    ("RidgeClassifier", "solver", &["sag", "saga"]),
    ("Lasso", "selection", &["random"]),
    ("ElasticNet", "selection", &["random"]),
    ("SVC", "probability", &[]),
    ("NuSVC", "probability", &[]),
    ("PCA", "svd_solver", &["randomized", "arpack"]),
    ("TruncatedSVD", "algorithm", &["randomized"]),
    ("KFold", "shuffle", &[]),
    ("StratifiedKFold", "shuffle", &[]),
    ("GroupKFold", "shuffle", &[]),
];

/// Keyword arguments that are not hyperparameters: seeds, parallelism, logging.
pub static NOT_HYPERPARAMETERS: &[&str] = &[
    "random_state",
    "seed",
    "random_seed",
    "n_jobs",
    "nthread",
    "n_thread",
    "thread_count",
    "verbose",
    "verbosity",
    "silent",
    "logging_level",
    "copy",
    "copy_X",
    "warm_start",
    "use_label_encoder",
    "eval_metric",
    "device",
    "tree_method",
    "gpu_id",
    "task_type",
    "enable_categorical",
    "memory",
    "steps",
    "estimator",
    "base_estimator",
    "estimators",
    "transformers",
    "remainder",
    "sparse",
    "sparse_output",
    "handle_unknown",
    "dtype",
    "missing_values",
    "categories",
    "drop",
    "feature_names_out",
    "validate",
    "func",
    "early_stopping_rounds",
    "train_dir",
    "allow_writing_files",
    "cat_features",
    "categorical_feature",
    "callbacks",
    "objective",
    "loss",
    "scoring",
    "refit",
    "cv",
    "return_train_score",
    "error_score",
    "importance_type",
    "output_margin",
    "metric",
    "input_shape",
    "input_dim",
    "name",
    "stop_words",
    "lowercase",
    "tokenizer",
    "analyzer",
    "strategy",
    "with_mean",
    "with_std",
    "feature_range",
    "fill_value",
    "prefit",
    "use_best_model",
    "metric_period",
    "probability",
    "compute_score",
    "class_names",
];

struct Index {
    exact: HashMap<&'static str, &'static ApiEntry>,
    /// Prefix patterns without their `*`, longest first.
    prefixes: Vec<(&'static str, &'static ApiEntry)>,
    /// Family member name → (packages, entry).
    names: HashMap<&'static str, Vec<(&'static [&'static str], ApiEntry)>>,
    methods: HashMap<&'static str, &'static ApiEntry>,
    /// Top-level packages the tables name (`sklearn`, `pandas`, `torch`).
    packages: HashSet<&'static str>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut exact = HashMap::new();
        let mut prefixes = Vec::new();
        for entry in QUALIFIED {
            match entry.pattern.strip_suffix('*') {
                Some(prefix) if !entry.pattern[..prefix.len()].contains('*') => {
                    prefixes.push((prefix, entry))
                }
                _ => {
                    exact.entry(entry.pattern).or_insert(entry);
                }
            }
        }
        prefixes.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        let mut names: HashMap<&'static str, Vec<_>> = HashMap::new();
        for family in FAMILIES {
            for &name in family.names {
                names.entry(name).or_default().push((
                    family.packages,
                    ApiEntry {
                        pattern: name,
                        role: family.role,
                        kind: family.kind,
                        tag: None,
                    },
                ));
            }
        }
        let methods = METHODS
            .iter()
            .map(|m| (m.pattern.trim_start_matches('.'), m))
            .collect();
        let packages = QUALIFIED
            .iter()
            .filter_map(|e| e.pattern.split_once('.').map(|(top, _)| top))
            .chain(FAMILIES.iter().flat_map(|f| f.packages.iter().copied()))
            .collect();
        Index {
            exact,
            prefixes,
            packages,
            names,
            methods,
        }
    })
}

/// The entry for a qualified callee with no call or subscript in its chain
/// (`pandas.read_csv`, `sklearn.ensemble.RandomForestClassifier`, a bare
/// `train_test_split`).
pub fn lookup_qualified(qualified: &QualifiedName) -> Option<ApiEntry> {
    if qualified.is_empty() || qualified.is_chained() {
        return None;
    }
    let qualified = qualified.as_str();
    let idx = index();
    // A family name first: `sklearn.metrics.ConfusionMatrixDisplay` should be a
    // metric even though `sklearn.metrics.*` also matches.
    let (head, last) = match qualified.rsplit_once('.') {
        Some((head, last)) => (Some(head), last),
        None => (None, qualified),
    };
    if let Some(members) = idx.names.get(last) {
        let root = head.map(|h| h.split('.').next().unwrap_or(h));
        for (packages, entry) in members {
            match root {
                Some(root) if packages.contains(&root) => return Some(*entry),
                None => return Some(*entry),
                _ => {}
            }
        }
    }
    if let Some(entry) = idx.exact.get(qualified) {
        return Some(**entry);
    }
    let (_, entry) = idx
        .prefixes
        .iter()
        .find(|(p, _)| qualified.starts_with(p))?;
    // A class's loading or saving method under a package prefix
    // (`pytorch_forecasting.DeepAR.load_from_checkpoint`) loads or saves.
    let io_method = head
        .filter(|h| h.contains('.'))
        .and_then(|_| lookup_method(last))
        .filter(|e| matches!(e.kind, Some(ApiKind::Loader | ApiKind::Saver)));
    Some(io_method.unwrap_or(**entry))
}

/// Whether the tables know the top-level package `top` (`numpy`, `torch`), or it is
/// the standard library or a distribution [`packages`](super::packages) names. An
/// import that is none of these is most likely a module next to the notebook (a
/// course's `helper.py`).
pub fn knows_package(top: &str) -> bool {
    index().packages.contains(top)
        || super::packages::STDLIB.contains(&top)
        || super::packages::DISTRIBUTIONS
            .iter()
            .any(|(import, _)| *import == top)
}

/// The entry for a method name called on a variable (`fillna`, `fit`).
pub fn lookup_method(method: &str) -> Option<ApiEntry> {
    index().methods.get(method).map(|e| **e)
}

/// Whether the call's entry carries `tag`: the entry of its qualified name
/// (`glob.iglob`, `matplotlib.pyplot.savefig`) or of its method (`fig.savefig`).
pub fn has_tag(qualified: &QualifiedName, method: &str, tag: ApiTag) -> bool {
    lookup_qualified(qualified).is_some_and(|e| e.tag == Some(tag)) || method_has_tag(method, tag)
}

/// Whether the method entry for `method` (`fit`) carries `tag`.
pub fn method_has_tag(method: &str, tag: ApiTag) -> bool {
    lookup_method(method).is_some_and(|e| e.tag == Some(tag))
}

/// Whether `method`, called on a model, predicts (role `Predict` in [`METHODS`]:
/// `predict`, `predict_proba`, `decision_function`, `forecast`, …).
pub fn is_prediction_method(method: &str) -> bool {
    lookup_method(method).is_some_and(|e| e.role == Role::Predict)
}

/// The entry for a call: the qualified name when it is a module path the table
/// knows, else the method on a variable. `receiver_is_module` says whether the
/// callee's root is an import (true for `pd.read_csv`, false for `df.fillna`).
pub fn lookup_call(
    qualified: &QualifiedName,
    method: &str,
    receiver_is_module: bool,
) -> Option<ApiEntry> {
    if !qualified.is_chained() {
        if let Some(entry) = lookup_qualified(qualified) {
            return Some(entry);
        }
        if qualified.dots() == 0 {
            return None;
        }
        if receiver_is_module {
            // `np.mean`, `os.path.join`: a module function the table does not know,
            // unless the method itself loads or saves (`BertModel.from_pretrained`).
            return lookup_method(method)
                .filter(|e| matches!(e.kind, Some(ApiKind::Loader | ApiKind::Saver)));
        }
    }
    lookup_method(method)
}

/// The kind of a constructor or function, by qualified name (`None` when unknown).
pub fn kind_of(qualified: &QualifiedName) -> Option<ApiKind> {
    lookup_qualified(qualified).and_then(|e| e.kind)
}

pub fn is_estimator(qualified: &QualifiedName) -> bool {
    kind_of(qualified) == Some(ApiKind::Estimator)
}

pub fn is_transformer(qualified: &QualifiedName) -> bool {
    matches!(
        kind_of(qualified),
        Some(ApiKind::Transformer | ApiKind::Resampler)
    )
}

pub fn is_splitter(qualified: &QualifiedName) -> bool {
    kind_of(qualified) == Some(ApiKind::Splitter)
}

pub fn is_metric(qualified: &QualifiedName) -> bool {
    kind_of(qualified) == Some(ApiKind::Metric)
}

/// The name a qualified callee calls or constructs: the last name before any call or
/// subscript (`RandomForestClassifier` of `sklearn.ensemble.RandomForestClassifier`,
/// `StandardScaler` of `StandardScaler().fit_transform`).
pub fn short_name(qualified: &QualifiedName) -> &str {
    let segments = qualified.segments();
    let base = segments
        .iter()
        .find(|s| !s.accesses.is_empty())
        .or(segments.last());
    base.map_or("", |s| s.name.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{Access, Segment};

    /// A name chain from its dotted text, `()` marking a call.
    fn q(text: &str) -> QualifiedName {
        let segment = |part: &str| {
            let mut segment = Segment::new(part.trim_end_matches("()"));
            if part.ends_with("()") {
                segment.accesses.push(Access::Call);
            }
            segment
        };
        QualifiedName::new(text.split('.').map(segment).collect())
    }

    #[test]
    fn a_loading_method_beats_its_package_prefix() {
        let role = |text: &str| lookup_qualified(&q(text)).map(|e| e.role);
        assert_eq!(role("pytorch_forecasting.NHiTS"), Some(Role::Train));
        assert_eq!(
            role("pytorch_forecasting.NHiTS.load_from_checkpoint"),
            Some(Role::Load)
        );
        assert_eq!(
            role("pytorch_forecasting.TemporalFusionTransformer.load_from_checkpoint"),
            Some(Role::Load)
        );
        // A module function of the package keeps the package's role.
        assert_eq!(
            role("pytorch_forecasting.load_from_checkpoint"),
            Some(Role::Train)
        );
    }

    #[test]
    fn qualified_prefix_and_family_lookups() {
        assert_eq!(
            lookup_qualified(&q("pandas.read_csv")).unwrap().role,
            Role::Load
        );
        assert_eq!(
            lookup_qualified(&q("pandas.read_parquet")).unwrap().role,
            Role::Load
        );
        let rf = lookup_qualified(&q("sklearn.ensemble.RandomForestClassifier")).unwrap();
        assert_eq!((rf.role, rf.kind), (Role::Train, Some(ApiKind::Estimator)));
        assert!(is_estimator(&q(
            "sklearn.ensemble.forest.RandomForestClassifier"
        )));
        assert!(is_estimator(&q("RandomForestClassifier")));
        assert!(!is_estimator(&q("mylib.RandomForestClassifier")));
        assert!(is_transformer(&q("sklearn.preprocessing.StandardScaler")));
        assert!(is_transformer(&q("imblearn.over_sampling.SMOTE")));
        assert!(is_splitter(&q("sklearn.cross_validation.train_test_split")));
        assert!(is_metric(&q("sklearn.metrics.accuracy_score")));
        assert!(is_metric(&q("sklearn.metrics.ConfusionMatrixDisplay")));
        assert_eq!(
            lookup_qualified(&q("matplotlib.pyplot.savefig"))
                .unwrap()
                .role,
            Role::Persist
        );
        assert_eq!(
            lookup_qualified(&q("matplotlib.pyplot.plot")).unwrap().role,
            Role::Visualize
        );
        assert_eq!(
            lookup_qualified(&q("seaborn.set_style")).unwrap().role,
            Role::Setup
        );
        assert_eq!(
            lookup_qualified(&q("seaborn.heatmap")).unwrap().role,
            Role::Visualize
        );
        assert_eq!(
            lookup_qualified(&q("numpy.random.seed")).unwrap().kind,
            Some(ApiKind::Seed)
        );
        assert_eq!(
            lookup_qualified(&q("xgboost.XGBClassifier")).unwrap().role,
            Role::Train
        );
        assert_eq!(
            lookup_qualified(&q("tensorflow.keras.layers.Dense"))
                .unwrap()
                .role,
            Role::Train
        );
        assert!(lookup_qualified(&q("numpy.mean")).is_none());
    }

    #[test]
    fn calls_on_variables_use_methods() {
        assert_eq!(
            lookup_call(&q("df.fillna"), "fillna", false).unwrap().role,
            Role::Clean
        );
        assert_eq!(
            lookup_call(&q("df.head"), "head", false).unwrap().role,
            Role::Explore
        );
        assert_eq!(
            lookup_call(&q("pandas.read_csv().dropna"), "dropna", false)
                .unwrap()
                .role,
            Role::Clean
        );
        assert!(lookup_call(&q("numpy.mean"), "mean", true).is_none());
        assert_eq!(
            lookup_call(&q("df.plot.bar"), "bar", false).unwrap().role,
            Role::Visualize
        );
        assert_eq!(
            short_name(&q("sklearn.preprocessing.StandardScaler().fit_transform")),
            "StandardScaler"
        );
        assert_eq!(
            short_name(&q("sklearn.linear_model.LogisticRegression")),
            "LogisticRegression"
        );
    }

    #[test]
    fn tags_mark_fits_and_non_data_io() {
        assert!(method_has_tag("fit", ApiTag::Fits));
        assert!(method_has_tag("fit_transform", ApiTag::Fits));
        assert!(!method_has_tag("predict", ApiTag::Fits));
        assert!(has_tag(&q("glob.iglob"), "iglob", ApiTag::NotData));
        assert!(has_tag(
            &q("matplotlib.pyplot.savefig"),
            "savefig",
            ApiTag::NotData
        ));
        assert!(has_tag(&q("fig.savefig"), "savefig", ApiTag::NotData));
        assert!(has_tag(
            &q("plotly.io.write_html"),
            "write_html",
            ApiTag::NotData
        ));
        assert!(!has_tag(&q("pandas.read_csv"), "read_csv", ApiTag::NotData));
        assert!(!has_tag(&q("df.to_csv"), "to_csv", ApiTag::NotData));
        assert!(method_has_tag("write", ApiTag::Content));
        assert!(!method_has_tag("to_csv", ApiTag::Content));
    }

    #[test]
    fn every_family_name_resolves_to_its_family() {
        for family in FAMILIES {
            for name in family.names {
                let q = q(&format!("{}.x.{name}", family.packages[0]));
                let found = lookup_qualified(&q).unwrap_or_else(|| panic!("{q}"));
                assert_eq!(found.kind, family.kind, "{q}");
            }
        }
        for name in RANDOM_BY_DEFAULT {
            assert!(
                lookup_qualified(&q(name)).is_some(),
                "{name} is not in a family"
            );
        }
    }
}

/// What a method call does, by what its receiver is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MethodRole {
    Is(Role),
    /// The role the receiver's constructor has (an imputer's `transform` cleans,
    /// a scaler's is feature work).
    AsConstructed,
}

/// Methods whose role depends on the receiver's kind (`.fit` on an estimator
/// trains, on a search tunes; keras `compile` and `evaluate`); `None` matches any
/// kind. The first row that matches wins.
const METHOD_ROLES: &[(Option<ApiKind>, &[&str], MethodRole)] = &[
    (
        Some(ApiKind::Estimator),
        &[
            "fit",
            "partial_fit",
            "fit_generator",
            "train",
            // An ignite engine that trains runs its epochs.
            "run",
            "compile",
            "add",
            "fit_predict",
            // statsmodels' other ways of fitting (see RESULT_METHODS).
            "iterative_fit",
            "fit_constrained",
            "fit_regularized",
            "smooth",
            "filter",
            // SageMaker's estimators take their settings before they fit.
            "set_hyperparameters",
            // Building the network: its summary and the device it trains on.
            "summary",
            "build",
            "to",
            "cuda",
        ],
        MethodRole::Is(Role::Train),
    ),
    // A network switched to inference mode (`model.eval()`) is about to be scored.
    (
        Some(ApiKind::Estimator),
        &["eval"],
        MethodRole::Is(Role::Evaluate),
    ),
    // Its forward pass, called by name, predicts as `model(x)` does.
    (
        Some(ApiKind::Estimator),
        &["forward"],
        MethodRole::Is(Role::Predict),
    ),
    (
        Some(ApiKind::Estimator),
        &["transform", "fit_transform"],
        MethodRole::Is(Role::Feature),
    ),
    (
        Some(ApiKind::Transformer),
        &[
            "fit",
            "fit_transform",
            "transform",
            "inverse_transform",
            "partial_fit",
            "build_vocab",
        ],
        MethodRole::AsConstructed,
    ),
    // A loss or layer moved to the device the network trains on.
    (
        Some(ApiKind::NetPart),
        &["to", "cuda"],
        MethodRole::Is(Role::Train),
    ),
    (
        Some(ApiKind::Resampler),
        &["fit_resample", "fit_sample", "fit"],
        MethodRole::Is(Role::Feature),
    ),
    (
        Some(ApiKind::Search),
        &[
            "fit",
            "optimize",
            "search",
            "get_best_hyperparameters",
            "get_best_models",
        ],
        MethodRole::Is(Role::Tune),
    ),
    (
        Some(ApiKind::Search),
        &["predict", "predict_proba"],
        MethodRole::Is(Role::Predict),
    ),
    (
        Some(ApiKind::Splitter),
        &["split", "get_n_splits"],
        MethodRole::Is(Role::Split),
    ),
    (None, &["score"], MethodRole::Is(Role::Evaluate)),
];

/// The methods that fit a model tagged `FitReturnsResults` and return its results
/// (`res = mod.fit()`, `res = mod.smooth(params)`, `history = model.fit(…)`).
pub const RESULT_METHODS: &[&str] = &[
    "fit",
    // keras' older way of fitting, which returns a History too.
    "fit_generator",
    "iterative_fit",
    "fit_constrained",
    "fit_regularized",
    "smooth",
    "filter",
];

/// Base classes that make a notebook's own class a network (`class Net(nn.Module)`):
/// constructing it is training work, and it is an estimator.
pub const MODEL_BASE_CLASSES: &[&str] = &[
    "nn.Module",
    "torch.nn.Module",
    "keras.Model",
    "(Model)",
    "pl.LightningModule",
    "LightningModule",
    "MLEModel",
];

/// Words in a name for a size that shapes a model (`vocab_size`, `n_input`,
/// `image_width`, `num_classes`), read by [`names_a_size`].
pub const SIZE_WORDS: &[&str] = &[
    "size", "sizes", "shape", "width", "height", "dim", "classes", "features", "input", "output",
    "steps", "vocab", "length", "len",
];

/// Names of the lists of class names (`class_names = info.features['label'].names`).
pub const CLASS_NAME_LISTS: &[&str] = &["class_names", "classnames", "label_names", "target_names"];

/// Words on either side of a label map's `2` or `_to_` (`id2label`, `class_to_idx`).
pub const LABEL_MAP_WORDS: &[&str] = &[
    "id", "idx", "label", "labels", "class", "classes", "name", "tag",
];

/// Whether `name` holds the class names or a map between them and their numbers
/// (`id2label`, `label2id`, `class_to_idx`): settings of the task, not data.
pub fn names_class_labels(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let map = lower
        .split_once("_to_")
        .or_else(|| lower.split_once('2'))
        .is_some_and(|(from, to)| {
            from != to && LABEL_MAP_WORDS.contains(&from) && LABEL_MAP_WORDS.contains(&to)
        });
    map || CLASS_NAME_LISTS.contains(&lower.as_str())
}

/// Whether `name` names a size: a [`SIZE_WORDS`] word, or `n_…` / `num_…`.
pub fn names_a_size(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let words: Vec<&str> = lower.split('_').collect();
    words.iter().any(|w| SIZE_WORDS.contains(w))
        || words.len() > 1 && matches!(words[0], "n" | "num" | "number")
}

/// Base classes whose models return results from `fit` (statsmodels' state-space
/// models): a notebook's own subclass is tagged as its base is.
pub const RESULTS_BASE_CLASSES: &[&str] = &["MLEModel", "sm.tsa.", "statsmodels."];

/// Constructors of a pipeline: it is what its last step is (docs/roles.md).
pub const PIPELINES: &[&str] = &["Pipeline", "make_pipeline"];

/// Methods that apply a function to data (`df['text'].apply(clean_text)`): they do
/// what the function does.
pub const APPLY_METHODS: &[&str] = &["apply", "map", "applymap", "transform"];

/// What a fitted model learned that explains it (docs/roles.md: explaining a model
/// is evaluate), unlike what a search chose (`alpha_`, `best_params_`).
pub const EXPLAINING_ATTRIBUTES: &[&str] = &["feature_importances_", "coef_", "intercept_"];

/// Attributes a fit sets without the trailing `_` of scikit-learn's learned ones
/// (`model.best_iteration`): reading them reads the fit's results.
pub const FITTED_ATTRIBUTES: &[&str] = &["best_iteration", "best_score", "best_ntree_limit"];

/// A network's parts read out once it is trained (`classifier.fc1.weight`,
/// `model.get_layer('embedding')`, `model.layers[0]`): what it learned.
pub const TRAINED_PARTS: &[&str] = &["weight", "bias", "get_layer", "layers", "get_weights"];

/// Methods that fill or drop missing values (`fillna`, `dropna`): cleaning, whatever
/// the frame is called.
pub const MISSING_VALUE_METHODS: &[&str] = &[
    "fillna",
    "dropna",
    "interpolate",
    "ffill",
    "bfill",
    "backfill",
];

/// A missing value as written (`np.nan`): storing it marks values as missing.
pub const MISSING_VALUES: &[&str] = &[
    "np.nan",
    "np.NaN",
    "np.NAN",
    "numpy.nan",
    "None",
    "pd.NA",
    "float('nan')",
];

/// Values that hold a place for what a loop finds (`best_loss = float('inf')`), as
/// written after `=` (double quotes read as single).
pub const PLACEHOLDER_VALUES: &[&str] = &[
    "np.inf",
    "-np.inf",
    "numpy.inf",
    "math.inf",
    "-math.inf",
    "float('inf')",
    "float('-inf')",
    "-float('inf')",
    "sys.maxsize",
];

/// What the notebook's own functions (and a helper module's) do, by the words of
/// their names (`train_model`, `plot_history`): the first entry with a word that
/// starts with one of its prefixes wins, so the order matters. A drawing of results
/// (`plot_confusion_matrix`, `show_metrics`) evaluates; fitting an encoder
/// (`fit_transform_ohe`) is feature work, not training.
pub const FUNCTION_NAME_ROLES: &[(&[&str], Role)] = &[
    (
        &[
            "evaluat",
            "score",
            "metric",
            "report",
            "roc",
            "auc",
            "confusion",
            // A function named for its metric (`MAPE(y, y_hat)`, `rmse(…)`).
            "accuracy",
            "mape",
            "smape",
            "rmse",
            "mse",
            "mae",
        ],
        Role::Evaluate,
    ),
    (DRAWING_WORDS, Role::Visualize),
    (
        &["load", "read", "fetch", "download", "simulat"],
        Role::Load,
    ),
    (
        &["save", "write", "export", "dump", "persist"],
        Role::Persist,
    ),
    (&["predict", "infer", "submi", "forecast"], Role::Predict),
    (&["tune", "search"], Role::Tune),
    (&["transform", "encod", "ohe"], Role::Feature),
    (&["train", "fit"], Role::Train),
    (&["clean", "preprocess", "impute", "fill"], Role::Clean),
    (
        &["feature", "engineer", "token", "vectori", "embed"],
        Role::Feature,
    ),
    (&["split"], Role::Split),
];

/// Whether `name` names a submission by its first word (`submission`, `submit_df`),
/// not the inputs made for one (`X_submission`).
pub fn names_a_submission(name: &str) -> bool {
    name.to_ascii_lowercase()
        .split('_')
        .next()
        .is_some_and(|w| w.starts_with("submi"))
}

/// Functions that turn a value into text or back (`json.dumps`, `pickle.loads`):
/// named like saving and loading, they touch no file.
pub const TEXT_CODECS: &[&str] = &["dumps", "loads"];

/// Words of a function's name that say it draws (`plot_history`, `show_images`).
pub const DRAWING_WORDS: &[&str] = &["plot", "draw", "visuali", "show", "imshow"];

/// Words of a function's name that say it shows without drawing: like a drawing word,
/// beside a result word (`display_importance`) it shows a model's results. Not a
/// drawing word on its own (`display_heatmap` may run a search).
pub const DISPLAY_WORDS: &[&str] = &["display"];

/// Words that, beside a drawing word in a function's name (`plot_predictions`,
/// `show_training_info`, `plot_residuals`), say it draws a model's results:
/// prefixes, as in [`FUNCTION_NAME_ROLES`].
pub const RESULT_WORDS: &[&str] = &[
    "pred",
    "history",
    "training",
    "residual",
    "importan",
    "learning",
    "loss",
    "error",
    "result",
    "metric",
    "calibrat",
    "incorrect",
    "misclass",
    "mistake",
    "wrong",
];

/// First words of the notebook's functions that run a model on held-out data to
/// score it (`valid(model, loader)`, `test_model(…)`); only as the first word, since
/// `train_test_split` divides rows.
pub const EVALUATING_FIRST_WORDS: &[&str] = &["test", "valid", "validate", "eval"];

/// Names of the notebook's functions that make up a data set (`make_data(40)`): they
/// load simulated data, whatever the words in them say on their own.
/// (`create_dataset` is left out: it often cuts a series into windows, feature work.)
pub const DATA_MAKING_FUNCTIONS: &[&str] = &["make_data", "generate_data", "gen_data"];

/// Trailing conversions that keep the rows a subscript picked (`df.loc[:n,
/// 'text'].values`).
pub const ARRAY_VIEWS: &[&str] = &[".values", ".to_numpy()", ".copy()"];

/// Calls that convert types (`astype`, `torch.Tensor(x)`, `.float()`): converting the
/// model's inputs is still cleaning, not choosing them.
pub const TYPE_CONVERSION_CALLS: &[&str] = &[
    "astype",
    "tensor",
    "Tensor",
    "FloatTensor",
    "LongTensor",
    "from_numpy",
    "Variable",
    "to_numeric",
    "to_datetime",
    "float",
    "long",
];

/// Whether `call` converts types: a [`TYPE_CONVERSION_CALLS`] method, or an array
/// made with a `dtype` (`np.array(x, dtype=np.float32)`).
pub fn converts_types(call: &CallFact) -> bool {
    // `.float()` on a tensor, not the builtin `float('inf')`.
    let builtin = call.callee.dots() == 0 && matches!(call.method.as_str(), "float" | "long");
    TYPE_CONVERSION_CALLS.contains(&call.method.as_str()) && !builtin
        || matches!(call.method.as_str(), "array" | "asarray") && call.keyword("dtype").is_some()
}

/// Keywords that make a data set's own `split(…)` a division of its rows
/// (`train_data.split(random_state=…)`, `ds.train_test_split(test_size=0.2)`).
pub const SPLIT_KEYWORDS: &[&str] = &[
    "random_state",
    "split_ratio",
    "test_size",
    "train_size",
    "seed",
];

/// Builtin types applied to a column (`df['a'].apply(str)`): a type conversion, as
/// `astype` is.
pub const TYPE_CONVERSIONS: &[&str] = &["str", "int", "float", "bool"];

/// Calls of a gradient step (`loss.backward()`, `optimizer.step()`): a loop that makes
/// them trains one network.
pub const GRADIENT_STEPS: &[&str] = &["backward", "step"];

/// How a transformer the tables do not know is fitted (`fit_on_texts`, `adapt`,
/// `build_vocab`).
pub const FIT_METHOD_PREFIXES: &[&str] = &["fit", "adapt", "build_vocab"];

/// Constructors whose arguments are structure, not hyperparameters (PA303 skips them).
pub const CONTAINERS: &[&str] = &[
    "Pipeline",
    "make_pipeline",
    "ColumnTransformer",
    "make_column_transformer",
    "FeatureUnion",
    "make_union",
    "VotingClassifier",
    "VotingRegressor",
    "StackingClassifier",
    "StackingRegressor",
    "OneVsRestClassifier",
    "OneVsOneClassifier",
    "MultiOutputClassifier",
    "MultiOutputRegressor",
    "Sequential",
    "Model",
    "FunctionTransformer",
    "LabelEncoder",
    "train",
    "Booster",
    "FrozenEstimator",
];

/// Calls that load a saved model (the API serves what they return).
pub const MODEL_LOADERS: &[&str] = &[
    "joblib.load",
    "pickle.load",
    "dill.load",
    "cloudpickle.load",
    "torch.load",
    "keras.models.load_model",
    "tensorflow.keras.models.load_model",
];

/// Words that name a score (`accuracy`, `val_loss`, `test_rmse`): a value so named,
/// computed from predictions, is a metric even when no metric function made it
/// (`accuracy = (pred == y).mean()`).
pub const METRIC_NAME_WORDS: &[&str] = &[
    "accuracy",
    "acc",
    "score",
    "loss",
    "error",
    "err",
    "mse",
    "rmse",
    "mae",
    "mape",
    "auc",
    "f1",
    "precision",
    "recall",
    "r2",
    "correct",
    "cost",
];

/// Whether `name`'s words include one of [`METRIC_NAME_WORDS`].
pub fn names_a_metric(name: &str) -> bool {
    name.to_ascii_lowercase()
        .split('_')
        .any(|w| METRIC_NAME_WORDS.contains(&w))
}

/// Module prefixes of calls that download from the network.
pub const DOWNLOAD_MODULES: &[&str] = &["requests.", "urllib", "wget.", "six.moves.urllib"];

/// Whether a call downloads from the network (`requests.get`, `urlretrieve`).
pub fn downloads(qualified: &QualifiedName) -> bool {
    DOWNLOAD_MODULES
        .iter()
        .any(|m| qualified.as_str().starts_with(m))
}

/// Shell commands (`!wget …`) that fetch or unpack a data set.
pub const DATA_FETCH_COMMANDS: &[&str] = &[
    "wget", "curl", "gdown", "kaggle", "unzip", "tar", "7z", "gsutil", "gunzip",
];

/// Whether a shell command sends results or a model away: a submission (`kaggle
/// competitions submit …`), an upload to cloud storage (`gsutil cp model.bst
/// gs://bucket`, `aws s3 cp preds.csv s3://…`) or a model deployed (`gcloud
/// ai-platform versions create …`). Copying *from* the cloud fetches data instead.
pub fn sends_away(command: &str, args: &str) -> bool {
    let words: Vec<&str> = args.split_whitespace().collect();
    let has = |w: &str| words.contains(&w);
    let to_bucket = |scheme: &str| {
        words.last().is_some_and(|last| {
            let last = last.trim_matches(|c| c == '\'' || c == '"');
            last.starts_with(scheme) && !words[..words.len() - 1].iter().any(|w| w.contains(scheme))
        })
    };
    match command {
        "kaggle" => has("submit"),
        "gsutil" => has("mb") || (has("cp") || has("rsync")) && to_bucket("gs://"),
        "aws" => has("s3") && (has("cp") || has("sync")) && to_bucket("s3://"),
        "gcloud" => {
            (has("models") || has("versions") || has("endpoints"))
                && (has("create") || has("deploy"))
        }
        _ => false,
    }
}

/// Whether the shell command asks a served model for predictions (`!gcloud
/// ai-platform predict --model m --json-instances input.json`, `!aws
/// sagemaker-runtime invoke-endpoint …`).
pub fn asks_served_model(command: &str, args: &str) -> bool {
    let words: Vec<&str> = args.split_whitespace().collect();
    match command {
        "gcloud" => words.contains(&"predict"),
        "aws" => words.contains(&"invoke-endpoint"),
        _ => false,
    }
}

/// Commands that make, enter or tidy folders and files (`mkdir`, `cd`, `rm`): part of
/// fetching the data when the same cell fetches it.
pub const FILE_COMMANDS: &[&str] = &["mkdir", "cd", "chmod", "rm", "mv", "cp"];

/// Whether the shell command `command` fetches or unpacks data.
pub fn fetches_data(command: &str) -> bool {
    // Or a script named for getting the data (`!./get-all-data.sh`).
    let script = command.ends_with(".sh")
        && ["data", "download", "fetch"]
            .iter()
            .any(|w| command.contains(w));
    DATA_FETCH_COMMANDS.contains(&command) || script
}

/// Endings of class names that build a network or model (`Network`, `ConvNet`,
/// `SentimentModel`), for classes the tables cannot know (a course's helper module).
pub const NETWORK_CLASS_ENDINGS: &[&str] = &["Net", "Network", "Model", "Classifier", "Regressor"];

/// Whether a class name ends like a network's or a model's.
pub fn names_a_network(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && NETWORK_CLASS_ENDINGS.iter().any(|e| name.ends_with(e))
}

/// Random generators that simulate data (`np.random.normal(size=n)`, `torch.randn(…)`):
/// a value made from them and constants only is loaded, as a file would be
/// (docs/roles.md). Prefixes end with `.`.
pub const SIMULATED_DATA: &[&str] = &[
    "numpy.random.",
    "torch.rand",
    "torch.randn",
    "torch.randint",
    "torch.normal",
    "random.random",
    "random.gauss",
    "random.uniform",
    "random.randint",
    "statsmodels.api.tsa.arma_generate_sample",
    "statsmodels.tsa.arima_process.arma_generate_sample",
];

/// Decompositions and embeddings: a feature step before a model, or the model itself
/// in a notebook that fits nothing else.
pub const DECOMPOSITIONS: &[&str] = &[
    "PCA",
    "KernelPCA",
    "IncrementalPCA",
    "SparsePCA",
    "TruncatedSVD",
    "NMF",
    "FastICA",
    "FactorAnalysis",
    "TSNE",
    "Isomap",
    "LocallyLinearEmbedding",
    "MDS",
    "SpectralEmbedding",
    "UMAP",
];

/// Whether a callee builds one of [`DECOMPOSITIONS`].
pub fn is_decomposition(qualified: &QualifiedName) -> bool {
    DECOMPOSITIONS.contains(&short_name(qualified))
}

/// Calls that open a file, to read or write by their mode (`open(f, 'w')`).
pub const OPEN_CALLS: &[&str] = &["open", "io.open", "codecs.open"];

/// Methods that end a file's reading or writing (`out_v.close()`).
pub const CLOSING_METHODS: &[&str] = &["close", "flush"];

/// Methods that edit a list in place (`total_cols.remove('id')`): the edit goes on
/// with the work that made the list.
pub const LIST_EDITS: &[&str] = &["remove", "insert", "extend", "pop"];

/// Methods that load a network's weights (`net.load_state_dict(…)`): it is trained.
pub const WEIGHT_LOADERS: &[&str] = &["load_state_dict", "load_weights"];

/// Builtins that only put values together (`dict(n_neighbors=neighbors)`): made from
/// constants, the result is one more constant.
pub const CONTAINER_BUILDERS: &[&str] = &["dict", "list", "tuple", "range", "set"];

/// Calls that put a path together or look at one without reading the file
/// (`os.path.join(DATA, 'train.csv')`, `Path('data') / 'x.csv'`). Qualified names.
pub const PATH_BUILDERS: &[&str] = &[
    "os.path.join",
    "os.path.abspath",
    "os.path.expanduser",
    "os.path.dirname",
    "os.path.basename",
    "os.path.exists",
    "os.path.isfile",
    "os.path.isdir",
    "os.getcwd",
    "os.listdir",
    "pathlib.Path",
    "pathlib.PurePath",
    "glob.glob",
    "str",
    "format",
];

/// Calls that make a series of given values to go through (`range(0, 4)`,
/// `itertools.product(p, q)`, `np.linspace(100, 1000, 10)`): a comprehension over one
/// of them, from constants, makes one more constant (`pdq = [(a, 0, b) for a, b in
/// itertools.product(p, q)]`). Qualified names.
pub const CONSTANT_SERIES: &[&str] = &[
    "range",
    "itertools.product",
    "itertools.combinations",
    "itertools.permutations",
    "numpy.linspace",
    "numpy.arange",
    "numpy.logspace",
];

/// Conversions of one value that keep it a constant (`np.int16(max_iter)`,
/// `int(n)`). Qualified names.
pub const SCALAR_CONVERSIONS: &[&str] = &[
    "int",
    "float",
    "round",
    "numpy.int16",
    "numpy.int32",
    "numpy.int64",
    "numpy.float32",
    "numpy.float64",
];

/// Calls that compute a value from their arguments, change nothing and never return
/// `None` (`round(acc, 2)`, `np.mean((y - p) ** 2)`): a bare expression made of them,
/// metrics and scoring methods ends a cell to show a score. Qualified names.
pub const VALUE_FUNCTIONS: &[&str] = &[
    "abs",
    "float",
    "int",
    "len",
    "max",
    "min",
    "round",
    "sorted",
    "sum",
    "math.sqrt",
    "numpy.abs",
    "numpy.average",
    "numpy.max",
    "numpy.mean",
    "numpy.median",
    "numpy.min",
    "numpy.round",
    "numpy.sqrt",
    "numpy.std",
    "numpy.sum",
];

/// Methods of that kind (`errors.mean()`, `(preds == y).sum()`, `model.score(X, y)`).
pub const VALUE_METHODS: &[&str] = &[
    "abs", "evaluate", "max", "mean", "median", "min", "round", "score", "std", "sum",
];

/// Names of the true values predictions are scored against.
pub const TRUTH_NAMES: &[&str] = &[
    "y_true",
    "actual",
    "actuals",
    "truth",
    "ground_truth",
    "expected",
    "y_actual",
];

/// Whether `name` holds the truth to score against (`y_true`, `expected_classes`).
pub fn names_truth(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    // `cls_true`, `labels_true`: the true values beside the predicted ones.
    lower.ends_with("_true")
        || TRUTH_NAMES.iter().any(|t| {
            lower
                .strip_prefix(t)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('_'))
        })
}

/// Whether `name` holds predictions (`preds`, `y_pred`, `simplePredictions`).
pub fn names_predictions(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    (lower.contains("pred") && !lower.contains("predictor")) || lower.contains("forecast")
}

/// Tests for missing values in a selection (`df[df['Age'].isna()]`).
pub const MISSING_TESTS: &[&str] = &[".isna()", ".isnull()", ".notna()", ".notnull()"];

/// Constructors of random number generators (`rng = np.random.RandomState(42)`).
pub const RANDOM_GENERATORS: &[&str] = &[
    "numpy.random.RandomState",
    "numpy.random.default_rng",
    "numpy.random.Generator",
    "random.Random",
];

/// Whether a callee makes a random number generator ([`RANDOM_GENERATORS`]).
pub fn makes_random_generator(qualified: &QualifiedName) -> bool {
    RANDOM_GENERATORS.contains(&qualified.as_str())
}

/// Calls that lay out an array of given numbers (`np.linspace(0, 20, 50)`,
/// `np.array([1, 0.1, 10])`): made of constants only, the array is a parameter
/// (config) or, under a variable's name, simulated data (docs/roles.md).
pub const CONSTANT_ARRAYS: &[&str] = &[
    "numpy.linspace",
    "numpy.arange",
    "numpy.logspace",
    "numpy.array",
    "numpy.asarray",
];

/// Names under which a notebook types in or simulates its data (`x`, `x1`, `reviews`,
/// `input_data`): an array or list of given values under one of them is data, not a
/// constant.
pub const DATA_VARIABLE_NAMES: &[&str] = &[
    "data",
    "input",
    "inputs",
    "input_data",
    "reviews",
    "texts",
    "sentences",
    "docs",
    "documents",
    "corpus",
    "samples",
];

/// Words that name records typed in to work on (`new_observation`, `test_review`,
/// `review1`, `example`).
pub const DATA_RECORD_WORDS: &[&str] = &[
    "observation",
    "observations",
    "review",
    "message",
    "messages",
    "record",
    "records",
    "example",
    "examples",
    "question",
    "questions",
    "comment",
    "comments",
    "tweet",
    "tweets",
];

/// Whether `name` is a variable of typed-in or simulated data.
pub fn names_data_variable(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    names_simulated_variable(name)
        || DATA_VARIABLE_NAMES.contains(&lower.as_str())
        || names_a_record(name)
}

/// Whether `name` names a record typed in to work on: one of [`DATA_RECORD_WORDS`]
/// among its parts, or `text`, numbered or not (`review1`, `text2`).
pub fn names_a_record(name: &str) -> bool {
    fn unnumbered(word: &str) -> &str {
        word.trim_end_matches(|c: char| c.is_ascii_digit())
    }
    let lower = name.to_ascii_lowercase();
    unnumbered(&lower) == "text"
        || lower
            .split('_')
            .any(|w| DATA_RECORD_WORDS.contains(&unnumbered(w)))
}

/// Names of the variables of simulated data (`x`, `x1`, `y_true`, `t`, `endog`).
pub fn names_simulated_variable(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let head = lower.split('_').next().unwrap_or("");
    let short = |c: char| {
        head.starts_with(c)
            && head.len() <= 3
            && head[1..]
                .chars()
                .all(|c| c.is_ascii_digit() || c == 'n' || c == 's')
    };
    short('x') || short('y') || short('t') || matches!(head, "time" | "endog" | "exog")
}

/// Constructors that make a data set out of values typed into the notebook
/// (`pd.Series([315.7, 317.4, …])`): with nothing read from elsewhere, they load.
/// Arrays are left out: a typed-in `np.array([[-1, 0, 1], …])` is more often a
/// constant (a filter kernel) than data.
pub const TYPED_IN_DATA: &[&str] = &["pandas.DataFrame", "pandas.Series", "numpy.repeat"];

/// Calls that make room for results to be filled in (`np.zeros((6, 6))`): the data
/// they build is not typed in.
pub const PREALLOCATIONS: &[&str] = &[
    "numpy.zeros",
    "numpy.ones",
    "numpy.empty",
    "numpy.full",
    "torch.zeros",
    "torch.ones",
    "torch.empty",
];

/// Constructors that, called with nothing, make an empty container to fill
/// (`sub = pd.DataFrame()`, `predictions = list()`).
pub const EMPTY_CONTAINERS: &[&str] = &["pandas.DataFrame", "list", "dict", "set"];

/// Whether the calls of a statement make data from typed-in values: a
/// [`TYPED_IN_DATA`] constructor given the values (not an empty frame to fill, as
/// `pd.DataFrame(columns=[…])`), and no [`PREALLOCATIONS`].
pub fn builds_typed_in_data(qualified: &[QualifiedName], calls: &[CallFact]) -> bool {
    let given_values = |call: &CallFact| !call.args.is_empty() || call.keyword("data").is_some();
    let builds = qualified
        .iter()
        .zip(calls)
        .any(|(q, call)| TYPED_IN_DATA.contains(&q.as_str()) && given_values(call));
    builds
        && !qualified
            .iter()
            .any(|q| PREALLOCATIONS.contains(&q.as_str()))
}

/// Whether a qualified callee draws random data ([`SIMULATED_DATA`]); seeding
/// (`numpy.random.seed`) is configuration, not data.
pub fn simulates_data(qualified: &QualifiedName) -> bool {
    let name = qualified.as_str();
    let listed = SIMULATED_DATA.iter().any(|p| match p.strip_suffix('.') {
        Some(module) => name.starts_with(p) && name.len() > module.len() + 1,
        None => name == *p,
    });
    listed && lookup_qualified(qualified).is_none_or(|e| e.role != Role::Config)
}

/// The role of `method` called on an object of `kind`, from [`METHOD_ROLES`].
pub fn method_role_on(kind: ApiKind, method: &str) -> Option<MethodRole> {
    METHOD_ROLES
        .iter()
        .find(|(k, methods, _)| k.is_none_or(|k| k == kind) && methods.contains(&method))
        .map(|(_, _, role)| *role)
}
