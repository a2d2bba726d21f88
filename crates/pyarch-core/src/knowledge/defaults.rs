//! Library defaults of hyperparameters: a keyword written with its default value
//! (`RandomForestClassifier(n_estimators=100)`) changes nothing, so PA303 does not
//! report it. Values are those of current releases (scikit-learn 1.x, xgboost 2,
//! lightgbm 4, catboost 1); a default that depends on other arguments or changed
//! between releases is left out. Extend the table; nothing else needs to change.

use crate::syntax::Literal;

/// A default value as written in Python.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DefaultValue {
    None,
    Bool(bool),
    Num(f64),
    Str(&'static str),
}

use DefaultValue::{Bool, Num, Str};
const NONE: DefaultValue = DefaultValue::None;

impl DefaultValue {
    /// Whether a literal argument is this default (`1` and `1.0` are the same number).
    pub fn matches(self, value: &Literal) -> bool {
        match (self, value) {
            (DefaultValue::None, Literal::None) => true,
            (Bool(a), Literal::Bool(b)) => a == *b,
            (Num(a), Literal::Int(b)) => a == *b as f64,
            (Num(a), Literal::Float(b)) => a == *b,
            (Str(a), Literal::Str(b)) => a == b,
            _ => false,
        }
    }
}

type Params = &'static [(&'static str, DefaultValue)];

const TREE_CLASSIFIER: Params = &[
    ("criterion", Str("gini")),
    ("splitter", Str("best")),
    ("max_depth", NONE),
    ("min_samples_split", Num(2.0)),
    ("min_samples_leaf", Num(1.0)),
    ("min_weight_fraction_leaf", Num(0.0)),
    ("max_features", NONE),
    ("max_leaf_nodes", NONE),
    ("min_impurity_decrease", Num(0.0)),
    ("class_weight", NONE),
    ("ccp_alpha", Num(0.0)),
];

const TREE_REGRESSOR: Params = &[
    ("criterion", Str("squared_error")),
    ("splitter", Str("best")),
    ("max_depth", NONE),
    ("min_samples_split", Num(2.0)),
    ("min_samples_leaf", Num(1.0)),
    ("min_weight_fraction_leaf", Num(0.0)),
    ("max_features", NONE),
    ("max_leaf_nodes", NONE),
    ("min_impurity_decrease", Num(0.0)),
    ("ccp_alpha", Num(0.0)),
];

const FOREST_CLASSIFIER: Params = &[
    ("n_estimators", Num(100.0)),
    ("criterion", Str("gini")),
    ("max_depth", NONE),
    ("min_samples_split", Num(2.0)),
    ("min_samples_leaf", Num(1.0)),
    ("min_weight_fraction_leaf", Num(0.0)),
    ("max_features", Str("sqrt")),
    ("max_leaf_nodes", NONE),
    ("min_impurity_decrease", Num(0.0)),
    ("oob_score", Bool(false)),
    ("class_weight", NONE),
    ("ccp_alpha", Num(0.0)),
    ("max_samples", NONE),
];

const FOREST_REGRESSOR: Params = &[
    ("n_estimators", Num(100.0)),
    ("criterion", Str("squared_error")),
    ("max_depth", NONE),
    ("min_samples_split", Num(2.0)),
    ("min_samples_leaf", Num(1.0)),
    ("min_weight_fraction_leaf", Num(0.0)),
    ("max_features", Num(1.0)),
    ("max_leaf_nodes", NONE),
    ("min_impurity_decrease", Num(0.0)),
    ("oob_score", Bool(false)),
    ("ccp_alpha", Num(0.0)),
    ("max_samples", NONE),
];

const GRADIENT_BOOSTING: Params = &[
    ("learning_rate", Num(0.1)),
    ("n_estimators", Num(100.0)),
    ("subsample", Num(1.0)),
    ("criterion", Str("friedman_mse")),
    ("min_samples_split", Num(2.0)),
    ("min_samples_leaf", Num(1.0)),
    ("max_depth", Num(3.0)),
    ("max_features", NONE),
    ("max_leaf_nodes", NONE),
    ("ccp_alpha", Num(0.0)),
];

const HIST_GRADIENT_BOOSTING: Params = &[
    ("learning_rate", Num(0.1)),
    ("max_iter", Num(100.0)),
    ("max_leaf_nodes", Num(31.0)),
    ("max_depth", NONE),
    ("min_samples_leaf", Num(20.0)),
    ("l2_regularization", Num(0.0)),
    ("max_bins", Num(255.0)),
    ("early_stopping", Str("auto")),
];

const ADABOOST: Params = &[("n_estimators", Num(50.0)), ("learning_rate", Num(1.0))];

const BAGGING: Params = &[
    ("n_estimators", Num(10.0)),
    ("max_samples", Num(1.0)),
    ("max_features", Num(1.0)),
    ("bootstrap", Bool(true)),
];

const LOGISTIC: Params = &[
    ("penalty", Str("l2")),
    ("dual", Bool(false)),
    ("tol", Num(1e-4)),
    ("C", Num(1.0)),
    ("fit_intercept", Bool(true)),
    ("intercept_scaling", Num(1.0)),
    ("class_weight", NONE),
    ("solver", Str("lbfgs")),
    ("max_iter", Num(100.0)),
    ("multi_class", Str("auto")),
    ("l1_ratio", NONE),
];

const SVC: Params = &[
    ("C", Num(1.0)),
    ("kernel", Str("rbf")),
    ("degree", Num(3.0)),
    ("gamma", Str("scale")),
    ("coef0", Num(0.0)),
    ("shrinking", Bool(true)),
    ("probability", Bool(false)),
    ("tol", Num(1e-3)),
    ("class_weight", NONE),
    ("max_iter", Num(-1.0)),
    ("decision_function_shape", Str("ovr")),
];

const SVR: Params = &[
    ("kernel", Str("rbf")),
    ("degree", Num(3.0)),
    ("gamma", Str("scale")),
    ("coef0", Num(0.0)),
    ("tol", Num(1e-3)),
    ("C", Num(1.0)),
    ("epsilon", Num(0.1)),
    ("shrinking", Bool(true)),
    ("max_iter", Num(-1.0)),
];

const LINEAR_SVC: Params = &[
    ("penalty", Str("l2")),
    ("loss", Str("squared_hinge")),
    ("tol", Num(1e-4)),
    ("C", Num(1.0)),
    ("fit_intercept", Bool(true)),
    ("max_iter", Num(1000.0)),
];

const NEIGHBORS: Params = &[
    ("n_neighbors", Num(5.0)),
    ("weights", Str("uniform")),
    ("algorithm", Str("auto")),
    ("leaf_size", Num(30.0)),
    ("p", Num(2.0)),
    ("metric", Str("minkowski")),
];

const RIDGE: Params = &[
    ("alpha", Num(1.0)),
    ("fit_intercept", Bool(true)),
    ("max_iter", NONE),
    ("tol", Num(1e-4)),
    ("solver", Str("auto")),
    ("positive", Bool(false)),
];

const LASSO: Params = &[
    ("alpha", Num(1.0)),
    ("fit_intercept", Bool(true)),
    ("max_iter", Num(1000.0)),
    ("tol", Num(1e-4)),
    ("selection", Str("cyclic")),
    ("positive", Bool(false)),
];

const ELASTIC_NET: Params = &[
    ("alpha", Num(1.0)),
    ("l1_ratio", Num(0.5)),
    ("fit_intercept", Bool(true)),
    ("max_iter", Num(1000.0)),
    ("tol", Num(1e-4)),
    ("selection", Str("cyclic")),
];

const LINEAR_REGRESSION: Params = &[("fit_intercept", Bool(true)), ("positive", Bool(false))];

const MLP: Params = &[
    ("activation", Str("relu")),
    ("solver", Str("adam")),
    ("alpha", Num(1e-4)),
    ("batch_size", Str("auto")),
    ("learning_rate", Str("constant")),
    ("learning_rate_init", Num(1e-3)),
    ("max_iter", Num(200.0)),
    ("shuffle", Bool(true)),
    ("tol", Num(1e-4)),
    ("early_stopping", Bool(false)),
];

const SGD_CLASSIFIER: Params = &[
    ("loss", Str("hinge")),
    ("penalty", Str("l2")),
    ("alpha", Num(1e-4)),
    ("max_iter", Num(1000.0)),
    ("tol", Num(1e-3)),
    ("shuffle", Bool(true)),
    ("learning_rate", Str("optimal")),
];

const KMEANS: Params = &[
    ("n_clusters", Num(8.0)),
    ("init", Str("k-means++")),
    ("n_init", Str("auto")),
    ("max_iter", Num(300.0)),
    ("tol", Num(1e-4)),
    ("algorithm", Str("lloyd")),
];

const NAIVE_BAYES: Params = &[("alpha", Num(1.0)), ("fit_prior", Bool(true))];

const XGBOOST: Params = &[
    ("n_estimators", Num(100.0)),
    ("learning_rate", Num(0.3)),
    ("eta", Num(0.3)),
    ("max_depth", Num(6.0)),
    ("min_child_weight", Num(1.0)),
    ("gamma", Num(0.0)),
    ("subsample", Num(1.0)),
    ("colsample_bytree", Num(1.0)),
    ("colsample_bylevel", Num(1.0)),
    ("reg_alpha", Num(0.0)),
    ("reg_lambda", Num(1.0)),
    ("booster", Str("gbtree")),
];

const LIGHTGBM: Params = &[
    ("boosting_type", Str("gbdt")),
    ("num_leaves", Num(31.0)),
    ("max_depth", Num(-1.0)),
    ("learning_rate", Num(0.1)),
    ("n_estimators", Num(100.0)),
    ("min_child_samples", Num(20.0)),
    ("min_child_weight", Num(1e-3)),
    ("min_split_gain", Num(0.0)),
    ("subsample", Num(1.0)),
    ("colsample_bytree", Num(1.0)),
    ("reg_alpha", Num(0.0)),
    ("reg_lambda", Num(0.0)),
    ("class_weight", NONE),
];

const CATBOOST: Params = &[("depth", Num(6.0)), ("l2_leaf_reg", Num(3.0))];

const PCA: Params = &[
    ("n_components", NONE),
    ("whiten", Bool(false)),
    ("svd_solver", Str("auto")),
];

const SCALER: Params = &[("with_mean", Bool(true)), ("with_std", Bool(true))];

const IMPUTER: Params = &[("strategy", Str("mean")), ("fill_value", NONE)];

const VECTORIZER: Params = &[
    ("lowercase", Bool(true)),
    ("analyzer", Str("word")),
    ("max_df", Num(1.0)),
    ("min_df", Num(1.0)),
    ("max_features", NONE),
    ("binary", Bool(false)),
    ("stop_words", NONE),
];

const POLYNOMIAL: Params = &[
    ("degree", Num(2.0)),
    ("interaction_only", Bool(false)),
    ("include_bias", Bool(true)),
];

/// Constructor (last dotted part) → its keyword defaults.
pub static HYPERPARAMETER_DEFAULTS: &[(&str, Params)] = &[
    ("DecisionTreeClassifier", TREE_CLASSIFIER),
    ("ExtraTreeClassifier", TREE_CLASSIFIER),
    ("DecisionTreeRegressor", TREE_REGRESSOR),
    ("ExtraTreeRegressor", TREE_REGRESSOR),
    ("RandomForestClassifier", FOREST_CLASSIFIER),
    ("RandomForestRegressor", FOREST_REGRESSOR),
    ("GradientBoostingClassifier", GRADIENT_BOOSTING),
    ("GradientBoostingRegressor", GRADIENT_BOOSTING),
    ("HistGradientBoostingClassifier", HIST_GRADIENT_BOOSTING),
    ("HistGradientBoostingRegressor", HIST_GRADIENT_BOOSTING),
    ("AdaBoostClassifier", ADABOOST),
    ("AdaBoostRegressor", ADABOOST),
    ("BaggingClassifier", BAGGING),
    ("BaggingRegressor", BAGGING),
    ("LogisticRegression", LOGISTIC),
    ("SVC", SVC),
    ("SVR", SVR),
    ("LinearSVC", LINEAR_SVC),
    ("KNeighborsClassifier", NEIGHBORS),
    ("KNeighborsRegressor", NEIGHBORS),
    ("Ridge", RIDGE),
    ("RidgeClassifier", RIDGE),
    ("Lasso", LASSO),
    ("ElasticNet", ELASTIC_NET),
    ("LinearRegression", LINEAR_REGRESSION),
    ("MLPClassifier", MLP),
    ("MLPRegressor", MLP),
    ("SGDClassifier", SGD_CLASSIFIER),
    ("KMeans", KMEANS),
    ("MultinomialNB", NAIVE_BAYES),
    ("BernoulliNB", NAIVE_BAYES),
    ("ComplementNB", NAIVE_BAYES),
    ("XGBClassifier", XGBOOST),
    ("XGBRegressor", XGBOOST),
    ("LGBMClassifier", LIGHTGBM),
    ("LGBMRegressor", LIGHTGBM),
    ("CatBoostClassifier", CATBOOST),
    ("CatBoostRegressor", CATBOOST),
    ("PCA", PCA),
    ("StandardScaler", SCALER),
    ("SimpleImputer", IMPUTER),
    ("CountVectorizer", VECTORIZER),
    ("TfidfVectorizer", VECTORIZER),
    ("PolynomialFeatures", POLYNOMIAL),
];

/// Whether `constructor(keyword=value)` passes the library's default.
pub fn is_default_value(constructor: &str, keyword: &str, value: &Literal) -> bool {
    let short = constructor.rsplit('.').next().unwrap_or(constructor);
    HYPERPARAMETER_DEFAULTS
        .iter()
        .find(|(name, _)| *name == short)
        .and_then(|(_, params)| params.iter().find(|(k, _)| *k == keyword))
        .is_some_and(|(_, d)| d.matches(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_match_ints_floats_strings_and_none() {
        assert!(is_default_value(
            "RandomForestClassifier",
            "n_estimators",
            &Literal::Int(100)
        ));
        assert!(!is_default_value(
            "RandomForestClassifier",
            "n_estimators",
            &Literal::Int(300)
        ));
        assert!(is_default_value(
            "LogisticRegression",
            "C",
            &Literal::Int(1)
        ));
        assert!(is_default_value(
            "LogisticRegression",
            "C",
            &Literal::Float(1.0)
        ));
        assert!(is_default_value(
            "sklearn.linear_model.LogisticRegression",
            "solver",
            &Literal::Str("lbfgs".into())
        ));
        assert!(is_default_value(
            "RandomForestClassifier",
            "max_depth",
            &Literal::None
        ));
        assert!(!is_default_value("Unknown", "C", &Literal::Int(1)));
    }
}
