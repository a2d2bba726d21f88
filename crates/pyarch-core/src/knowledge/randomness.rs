//! Random number generators of deep-learning and distributed libraries, which
//! scikit-learn's `random_state` and NumPy's global seed do not reach (PA403).
//! Extend the tables; nothing else needs to change.

/// A framework with its own global generator: the calls that seed it, and the
/// calls (qualified names, `*` for a prefix) that draw from it.
pub struct Framework {
    pub name: &'static str,
    /// The seed call to suggest.
    pub suggested_seed: &'static str,
    /// The seed calls as a message names them.
    pub shown_seeds: &'static str,
    pub seeds: &'static [&'static str],
    /// Building a network initialises its weights at random.
    pub random: &'static [&'static str],
}

pub static FRAMEWORKS: &[Framework] = &[
    Framework {
        name: "Keras/TensorFlow",
        suggested_seed: "keras.utils.set_random_seed(SEED)",
        shown_seeds: "`tf.random.set_seed` or `keras.utils.set_random_seed`",
        seeds: &[
            "tensorflow.random.set_seed",
            "tensorflow.set_random_seed",
            "tensorflow.compat.v1.set_random_seed",
            "tensorflow.compat.v1.random.set_random_seed",
            "tensorflow.keras.utils.set_random_seed",
            "keras.utils.set_random_seed",
        ],
        random: &[
            "keras.Sequential",
            "keras.Model",
            "keras.models.Sequential",
            "keras.models.Model",
            "keras.layers.*",
            "keras.applications.*",
            "tensorflow.keras.Sequential",
            "tensorflow.keras.Model",
            "tensorflow.keras.models.Sequential",
            "tensorflow.keras.models.Model",
            "tensorflow.keras.layers.*",
            "tensorflow.keras.applications.*",
            "tensorflow.random.normal",
            "tensorflow.random.uniform",
            "tensorflow.random.shuffle",
        ],
    },
    Framework {
        name: "PyTorch",
        suggested_seed: "torch.manual_seed(SEED)",
        shown_seeds: "`torch.manual_seed`",
        seeds: &[
            "torch.manual_seed",
            "torch.random.manual_seed",
            "torch.cuda.manual_seed_all",
            "lightning.seed_everything",
            "pytorch_lightning.seed_everything",
            "lightning.pytorch.seed_everything",
            "transformers.set_seed",
            "accelerate.utils.set_seed",
        ],
        random: &[
            "torch.nn.Linear",
            "torch.nn.Bilinear",
            "torch.nn.Conv1d",
            "torch.nn.Conv2d",
            "torch.nn.Conv3d",
            "torch.nn.ConvTranspose1d",
            "torch.nn.ConvTranspose2d",
            "torch.nn.ConvTranspose3d",
            "torch.nn.LSTM",
            "torch.nn.GRU",
            "torch.nn.RNN",
            "torch.nn.Embedding",
            "torch.nn.Dropout",
            "torch.nn.MultiheadAttention",
            "torch.nn.Transformer",
            "torch.nn.TransformerEncoderLayer",
            "torch.nn.TransformerDecoderLayer",
            "torch.rand",
            "torch.randn",
            "torch.randint",
            "torch.randperm",
            "torch.utils.data.random_split",
        ],
    },
];

/// Methods that are random unless given a seed: `(method, position of the seed
/// argument, seed keyword)`. Spark's `df.randomSplit([0.8, 0.2])` splits
/// differently on every run.
pub static RANDOM_METHODS: &[(&str, usize, &str)] =
    &[("randomSplit", 1, "seed"), ("sampleBy", 2, "seed")];

/// Functions that are random unless given a seed: `(qualified name, position of
/// the seed argument, seed keyword)`.
pub static RANDOM_FUNCTIONS: &[(&str, usize, &str)] = &[
    ("pyspark.sql.functions.rand", 0, "seed"),
    ("pyspark.sql.functions.randn", 0, "seed"),
];

/// Whether a qualified call matches a pattern (`keras.layers.*` is a prefix).
pub fn matches(qualified: &str, pattern: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => qualified.starts_with(prefix),
        None => qualified == pattern,
    }
}
