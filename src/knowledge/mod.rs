//! What pyarch knows about Python libraries, as data: which methods mutate their
//! receiver, which calls load, train or plot (see [`api`]), which names are builtins.
//! Extend the tables here; the rules and the planner only look things up.

pub mod api;
pub mod paths;

/// Methods that change their receiver in place when called on a name.
/// `fit`-like methods mutate the estimator they are called on.
pub const MUTATING_METHODS: &[&str] = &[
    // list, dict, set
    "append",
    "extend",
    "insert",
    "remove",
    "pop",
    "popitem",
    "clear",
    "sort",
    "reverse",
    "update",
    "setdefault",
    "add",
    "discard",
    "difference_update",
    "intersection_update",
    // numpy / pandas in-place operations
    "fill",
    "resize",
    "put",
    "itemset",
    "setflags",
    "set_axis_inplace",
    // estimators
    "fit",
    "partial_fit",
    "fit_transform",
    "fit_predict",
    "fit_resample",
    "set_params",
    "compile",
    "load_state_dict",
    "train",
];

/// Receivers whose methods are module functions, not mutations (`np.random.shuffle` aside).
pub const NEVER_MUTATED_ROOTS: &[&str] = &["self", "cls"];

pub fn is_mutating_method(method: &str) -> bool {
    MUTATING_METHODS.contains(&method)
}

/// Python builtins and names every IPython/Kaggle session provides.
pub const BUILTINS: &[&str] = &[
    "abs", "aiter", "all", "anext", "any", "ascii", "bin", "bool", "breakpoint", "bytearray",
    "bytes", "callable", "chr", "classmethod", "compile", "complex", "copyright", "credits",
    "delattr", "dict", "dir", "divmod", "enumerate", "eval", "exec", "exit", "filter", "float",
    "format", "frozenset", "getattr", "globals", "hasattr", "hash", "help", "hex", "id", "input",
    "int", "isinstance", "issubclass", "iter", "len", "license", "list", "locals", "map", "max",
    "memoryview", "min", "next", "object", "oct", "open", "ord", "pow", "print", "property",
    "quit", "range", "repr", "reversed", "round", "set", "setattr", "slice", "sorted",
    "staticmethod", "str", "sum", "super", "tuple", "type", "vars", "zip", "__import__",
    "__name__", "__file__", "__doc__", "__builtins__", "__spec__", "__loader__", "__package__",
    "__debug__", "__build_class__", "NotImplemented", "Ellipsis", "None", "True", "False",
    "BaseException", "BaseExceptionGroup", "Exception", "ExceptionGroup", "ArithmeticError",
    "AssertionError", "AttributeError", "BlockingIOError", "BrokenPipeError", "BufferError",
    "ChildProcessError", "ConnectionAbortedError", "ConnectionError", "ConnectionRefusedError",
    "ConnectionResetError", "EOFError", "EnvironmentError", "FileExistsError",
    "FileNotFoundError", "FloatingPointError", "GeneratorExit", "IOError", "ImportError",
    "IndentationError", "IndexError", "InterruptedError", "IsADirectoryError", "KeyError",
    "KeyboardInterrupt", "LookupError", "MemoryError", "ModuleNotFoundError", "NameError",
    "NotADirectoryError", "NotImplementedError", "OSError", "OverflowError", "PermissionError",
    "ProcessLookupError", "RecursionError", "ReferenceError", "RuntimeError", "StopIteration",
    "StopAsyncIteration", "SyntaxError", "SystemError", "SystemExit", "TabError", "TimeoutError",
    "TypeError", "UnboundLocalError", "UnicodeDecodeError", "UnicodeEncodeError",
    "UnicodeError", "UnicodeTranslateError", "ValueError", "ZeroDivisionError", "Warning",
    "UserWarning", "DeprecationWarning", "PendingDeprecationWarning", "SyntaxWarning",
    "RuntimeWarning", "FutureWarning", "ImportWarning", "UnicodeWarning", "BytesWarning",
    "ResourceWarning", "EncodingWarning",
    // IPython / Jupyter session globals
    "display", "get_ipython", "In", "Out", "_", "__", "___", "_i", "_ii", "_iii", "_oh", "_ih",
    "_dh", "exit", "quit",
];

pub fn is_builtin(name: &str) -> bool {
    BUILTINS.contains(&name) || (name.starts_with("_i") && name[2..].bytes().all(|b| b.is_ascii_digit()))
        || (name.starts_with('_') && name.len() > 1 && name[1..].bytes().all(|b| b.is_ascii_digit()))
}
