# pyarch's words in English, rendered with Project Fluent (https://projectfluent.org).
# One file per area; every id has a Korean twin in ../ko/ with the same file name and
# the same arguments (tests/it/i18n.rs checks it). Names, code and paths are arguments
# and stay as they are.

## PA3xx, PA4xx and PA9xx rules

## PA301 hard-coded-path

pa301-kaggle-path = a Kaggle path: it only exists inside a Kaggle kernel
pa301-colab-path = a Colab path: it only exists in Google Colab
pa301-windows-path = a Windows path: it only exists on the author's machine
pa301-home-path = a home-directory path: it depends on the user's machine
pa301-absolute-path = an absolute path: it only exists on the author's machine
pa301-relative-path = a relative path written directly in a load/save call
pa301-url = a URL
pa301-kaggle-paths = Kaggle paths: they only exist inside a Kaggle kernel
pa301-colab-paths = Colab paths: they only exist in Google Colab
pa301-windows-paths = Windows paths: they only exist on the author's machine
pa301-home-paths = home-directory paths: they depend on the user's machine
pa301-absolute-paths = absolute paths: they only exist on the author's machine
pa301-relative-paths = relative paths written directly in load/save calls
pa301-urls = URLs
pa301-hard-coded-path = hard-coded path `{ $path }`{ $callee ->
    [none] {""}
   *[other] {" "}(passed to `{ $callee }`)
} is { $kind }
pa301-hard-coded-paths = hard-coded paths { $paths } are { $kind }
pa301-fix-folder = Move `{ $path }` to config.py as a setting that can be overridden (`DATA_DIR = Path(os.environ.get("DATA_DIR", "data"))`) and let the repository in adapters/ build file paths from it.
pa301-fix-file = Name the file in config.py (`{ $name } = DATA_DIR / "{ $path }"`) and read or write it through a repository in adapters/.
pa301-fix-folder-paths = Move the folder to config.py as a setting that can be overridden (`DATA_DIR = Path(os.environ.get("DATA_DIR", "data"))`) and let the repository in adapters/ build these file paths from it.
pa301-fix-files = Name the files in config.py (`TRAIN_CSV = DATA_DIR / "train.csv"`) and read or write them through a repository in adapters/.

## PA302 pip-install-in-notebook

pa302-packages = packages
pa302-names = { $names }
pa302-system-install = the notebook installs system { $what } with `{ $installer }`
pa302-system-install-fix = Document system packages in the README or a Dockerfile instead of installing them from a cell.
pa302-install = the notebook installs { $what } with `{ $installer } install`: the dependencies are hidden in a cell{ $pinned ->
    [no] , without pinned versions
   *[yes] {""}
}
pa302-fix = Declare the dependencies in pyproject.toml (`[project] dependencies = [...]`) and install them once before running; remove this line.
pa302-fix-packages = Declare them in pyproject.toml (`[project] dependencies = [{ $packages }]`, with versions) and install once before running; remove this line.

## PA303 inline-hyperparameters

pa303-positional = { $count } positional { $count ->
    [one] literal
   *[other] literals
}
pa303-inline = `{ $name }` has hyperparameters written inline: { $values }
pa303-fix-positional = Name the values in config.py and pass them by keyword: `{ $name }(**config.{ $constant })`.
pa303-fix = Move them to config.py (`{ $constant } = {"{"}{ $dict }{"}"}`) and call `{ $name }(**config.{ $constant })`, so experiments change configuration, not code.

## PA4xx: the path of a leak

pa4-place = cell { $cell }, { $lines } (`{ $code }`)
pa4-split-function = split
pa4-split-cross-validation = cross-validated
pa4-split-folds = split into folds
pa4-split-positional = sliced into training and held-out rows
pa4-split-sample = sampled into training and held-out rows
pa4-split-mask = divided by a mask into training and held-out rows
pa4-fit-eval = { $fit ->
    [none] {""}
   *[other] ; a model is fitted on the training side in { $fit }
}{ $eval ->
    [none] {""}
   *[other] { $fit ->
        [none] ; a model is evaluated
       *[other] {" "}and evaluated
    } on the held-out side in { $eval }
}
pa4-related-fit = model fitted on the training side
pa4-related-eval = model evaluated on the held-out side

## PA401 preprocessing-leakage

pa401-leak = `{ $code }` { $how ->
    [fit] fits on
   *[statistic] computes a statistic over
} rows that include the held-out rows{ $also ->
    [0] {""}
    [one] {" "}(and 1 more in this cell)
   *[other] {" "}(and { $also } more in this cell)
}: they are { $split } in { $place }{ $rest }
pa401-related-fit = fitted on all rows
pa401-related-statistic = statistic over all rows
pa401-fix-pipeline = Put this step in a `Pipeline` with the model (`make_pipeline(…, model)`) and cross-validate the pipeline, so each fold fits `{ $code }` on its own training part.
pa401-fix-training-rows = Compute `{ $code }` on the training rows only (before concatenating, or on the training slice) and apply the result to both sides; keep the combined frame for steps that learn nothing (renames, type fixes).
pa401-fix-fit = Split first, fit on the training split only (`fit(X_train)`, then `transform(X_train)` and `transform(X_test)`), or put the step in a `Pipeline` with the model instead of `{ $code }` on all rows.
pa401-fix-statistic = Split first, compute `{ $code }` on the training split and fill or scale both splits with that value (or use `SimpleImputer`/`StandardScaler` in a `Pipeline` fitted on the training split).

## PA402 evaluate-on-training-data

pa402-fit-rows = `{ $code }` scores a model on rows it was fitted on: { $split } carved these "held-out" rows out of the rows of the fit in { $fit }, so the score measures memorisation
pa402-fit-rows-fix = Split first and fit the model on the training side only (`model.fit(X_train, y_train)`); refit on all rows only after the last evaluation.
pa402-related-fit = model fitted
pa402-related-split = held-out rows taken from the fitted rows
pa402-training-score = `{ $code }`{ $model ->
    [none] {""}
   *[other] {" "}scores `{ $model }`
} on training data ({ $data }), so it measures memorisation, not generalisation
pa402-training-score-fix = Score the model on the held-out split (`X_test`/`y_test`), or cross-validate on the training data (`cross_val_score`); report a training score only next to the held-out one.

## PA404 overlap-leakage

pa404-overlap = `{ $code }` { $made ->
    [duplicates] duplicates rows
   *[resamples] resamples rows
} before they are { $split } in { $place }: copies of the same row can be on both sides{ $rest }
pa404-fix = Split first and resample only the training split (`X_train_res, y_train_res = SMOTE().fit_resample(X_train, y_train)`); never resample held-out rows. With cross-validation, use imblearn's `Pipeline` (`make_pipeline(SMOTE(), model)`) so each fold resamples its own training part.
pa404-related = rows resampled or duplicated

## PA405 multi-test-leakage

pa405-multi-test = `{ $code }` scores the held-out rows of { $place } inside a loop that fits models{ $fit ->
    [none] {""}
   *[other] {" "}(models fitted in { $fit })
}: the test set is used to choose, so the best score is optimistic
pa405-fix = Choose on a validation split or by cross-validation on the training rows (`GridSearchCV(model, grid, cv=5).fit(X_train, y_train)`), then score the chosen model once on the untouched test set.
pa405-related = test score used to choose

## PA406 preprocessing-refit-on-test

pa406-refit = `{ $code }` fits on the held-out rows of { $place } instead of reusing the fit on the training side
pa406-fix = Fit on the training split and only apply it to the held-out split: `scaler.transform(X_test)` instead of `fit_transform(X_test)`; fill held-out gaps with the training statistic.
pa406-related = fitted on the held-out rows

## PA403 unseeded-randomness

pa403-seeded-globally = `{ $code }` is random and has no `{ $keyword }`; it repeats run to run only because `np.random.seed` (cell { $cell }, { $line }) runs first, and changes when cells are re-run or reordered
pa403-unseeded = `{ $code }` is random and has no `{ $keyword }`, so every run gives different results
pa403-fix = Pass `{ $keyword }=SEED`, with `SEED` defined once in config.py, so splits, models and scores can be reproduced.
pa403-unseeded-rows = `{ $code }(…)` is random and has no `{ $keyword }`, so every run gives different rows
pa403-fix-rows = Pass `{ $keyword }=SEED`, with `SEED` defined once in config.py, so splits and scores can be reproduced.
pa403-framework = `{ $code }(…)` draws from { $framework }'s random generator (initial weights, dropout, shuffling), and the notebook never seeds it ({ $seeds }), so every run trains a different model
pa403-framework-fix = Call `{ $seed }` once before building the model, with `SEED` defined in config.py; `np.random.seed` and `random_state` do not reach { $framework }.

## PA407 label-in-features

pa407-label-column = `{ $code }` gets features that still hold the label column `'{ $label }'` (the label is taken in cell { $cell }, { $lines }): the model is given the answer
pa407-derived-column = `{ $code }` gets features that hold `'{ $column }'`, computed from the label `'{ $label }'` or the column it comes from (taken in cell { $cell }, { $lines }): the model is given the answer
pa407-fix = Drop `'{ $column }'` from the features (`df.drop(columns=[…])`) before splitting or fitting; compute target encodings from the training rows only, inside the training step.
pa407-related-label = label taken
pa407-related-derived = column computed from the label

## PA408 stale-results

pa408-refitted = `{ $model }` was rebuilt and fitted again in cell { $cell } and has not predicted since
pa408-other-model = this section trains `{ $other }` (cell { $cell }), which never predicts before this metric
pa408-stale = `{ $code }(…)` scores `{ $predictions }`, predicted by `{ $model }` in cell { $cell }, but { $why }: the result is stale, from another model
pa408-fix-refitted = Predict again with the refitted `{ $model }` before scoring (`{ $predictions } = { $model }.predict(…)`), or give each model its own name; an `evaluate_model(model, data)` service predicts and scores in one step.
pa408-fix-other = Predict with `{ $other }` and score that (`{ $predictions }_{ $other } = { $other }.predict(…)`), giving each model's predictions their own name; an `evaluate_model(model, data)` service predicts and scores in one step.

## PA902–PA904: cells the parser could not read

pa9-cell-error = { $detail }: { $error }
pa902-python2 = cell does not parse (Python 2 syntax)
pa902-python2-fix = This is Python 2 syntax: port the cell to Python 3 (`print(x)`), for example with `2to3`.
pa902-invalid = cell does not parse
pa902-fix = Fix the syntax error; the rest of the notebook was analysed without this cell.
pa903-unsupported = cell uses syntax the parser does not support
pa903-fix = The cell is probably valid Python that pyarch's parser does not support yet (for example PEP 701 f-strings); it was skipped.
pa904-too-deep = cell is nested too deeply to analyse
pa904-fix = Split the expression into named intermediate values.
