//! Unit tests of the classifier on small notebooks written in place.

use super::*;
use crate::model::parse_cell;
use crate::model::NotebookModel;

fn roles_of(cells: &[&str]) -> Vec<Vec<Role>> {
    let notebook = crate::notebook::Notebook {
        format: crate::notebook::SourceFormat::Ipynb,
        nbformat: 4,
        nbformat_minor: 5,
        language: None,
        cells: cells
            .iter()
            .enumerate()
            .map(|(i, s)| crate::notebook::Cell {
                index: i,
                id: None,
                kind: crate::notebook::CellKind::Code,
                source: s.to_string(),
                execution_count: None,
                outputs: vec![],
            })
            .collect(),
    };
    let _ = parse_cell;
    let model = NotebookModel::build(&notebook);
    // These tests pin the rules; the learned layer has its own (layer.rs) and is
    // measured on real notebooks (tests/it/roles_eval.rs).
    let roles = classify_by_rules(&model);
    (0..cells.len())
        .map(|i| roles.statement_roles(i).to_vec())
        .collect()
}

#[test]
fn dataflow_gives_methods_their_role() {
    use Role::*;
    let r = roles_of(&[
        "import pandas as pd\nfrom sklearn.ensemble import RandomForestClassifier\nfrom sklearn.preprocessing import StandardScaler\nfrom sklearn.model_selection import train_test_split, GridSearchCV\nfrom sklearn.metrics import accuracy_score",
        "SEED = 42\ndf = pd.read_csv('data/train.csv')\ndf.head()",
        "df = df.dropna()\ndf['x2'] = df['x'] ** 2\nX = df.drop(columns=['y'])\ny = df['y']",
        "X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=SEED)\nscaler = StandardScaler()\nX_train = scaler.fit_transform(X_train)",
        "model = RandomForestClassifier(n_estimators=10)\nmodel.fit(X_train, y_train)\ny_pred = model.predict(X_test)\nacc = accuracy_score(y_test, y_pred)\nprint(acc)",
        "grid = GridSearchCV(model, {'max_depth': [2, 3]})\ngrid.fit(X_train, y_train)",
        "test = pd.read_csv('data/test.csv')\npreds = model.predict(test)\nsub = pd.DataFrame({'y': preds})\nsub.to_csv('sub.csv')",
    ]);
    assert_eq!(r[0], [Import; 5]);
    assert_eq!(r[1], [Config, Load, Explore]);
    assert_eq!(r[2], [Clean, Feature, Feature, Feature]);
    assert_eq!(r[3], [Split, Feature, Feature]);
    assert_eq!(r[4], [Train, Train, Evaluate, Evaluate, Evaluate]);
    assert_eq!(r[5], [Tune, Tune]);
    assert_eq!(r[6], [Load, Predict, Predict, Persist]);
}

#[test]
fn rows_folds_and_histories_follow_the_written_definitions() {
    use Role::*;
    let r = roles_of(&[
        "import pandas as pd\nimport matplotlib.pyplot as plt\nfrom sklearn.model_selection import KFold\nfrom sklearn.ensemble import RandomForestClassifier",
        "df = pd.read_csv('train.csv')\ntrain = df[:800]\ntest = df.iloc[800:]\ncol = df[:, 0]",
        "val = df.sample(frac=0.2)\nrest = df.drop(val.index)",
        "for tr, va in KFold(5).split(df):\n    m = RandomForestClassifier()\n    m.fit(df.iloc[tr], df.iloc[tr])\n    print(m.score(df.iloc[va], df.iloc[va]))",
        "best = 0\nfor k in [1, 3]:\n    m = RandomForestClassifier(max_depth=k)\n    m.fit(train, train)\n    s = m.score(test, test)\n    if s > best:\n        best = s",
        "history = m.fit(train, train)\nplt.plot(history.history['loss'])",
    ]);
    assert_eq!(r[1], [Load, Split, Split, Feature]);
    assert_eq!(r[2], [Split, Split]);
    assert_eq!(r[3], [Evaluate]);
    // The best score a search loop keeps is part of the search.
    assert_eq!(r[4], [Tune, Tune]);
    assert_eq!(r[5], [Train, Evaluate]);
}

#[test]
fn tuners_tune() {
    use Role::*;
    let r = roles_of(&[
        "import optuna\nimport keras_tuner as kt",
        "study = optuna.create_study(direction='maximize')\nstudy.optimize(objective, n_trials=20)",
        "tuner = kt.Hyperband(build_model, objective='val_accuracy')\ntuner.search(x, y, epochs=5)\nbest = tuner.get_best_hyperparameters(1)[0]",
    ]);
    assert_eq!(r[1], [Tune, Tune]);
    assert_eq!(r[2], [Tune, Tune, Tune]);
}

#[test]
fn plots_fitted_values_and_fixes_take_what_they_work_on() {
    use Role::*;
    let r = roles_of(&[
        "import pandas as pd\nimport matplotlib.pyplot as plt\nimport statsmodels.api as sm\nimport fc_model",
        "!wget https://example.org/air.zip\n!unzip air.zip\n!ls",
        "ts = pd.read_csv('air.csv')\nts.index = pd.to_datetime(ts['Month'])\nts.index.freq = 'MS'",
        "res = sm.tsa.SARIMAX(ts, order=(1, 1, 1)).fit()\nfitted = res.predict()\nplt.plot(fitted)\nfig = res.plot_diagnostics()\nfig.suptitle('Residuals')",
        "forecast = res.forecast(12)\nplt.plot(forecast)",
        "net = fc_model.Network(784, 10, [256])\nfc_model.train(net, trainloader, epochs=2)\nprint(net)",
    ]);
    assert_eq!(r[1], [Load, Load, Setup]);
    assert_eq!(r[2], [Load, Clean, Clean]);
    assert_eq!(r[3], [Train, Evaluate, Evaluate, Evaluate, Visualize]);
    assert_eq!(r[4], [Predict, Predict]);
    assert_eq!(r[5], [Train, Train, Train]);
}

#[test]
fn looks_and_changes_take_the_role_of_what_they_touch() {
    use Role::*;
    let r = roles_of(&[
        "import pandas as pd\nimport numpy as np\nimport torch\nimport torch.nn as nn\nimport helper",
        "weight = pd.Series(np.repeat(['low', 'hi'], 15), name='weight')\ngrid = pd.DataFrame(np.zeros((6, 6)))",
        "class Net(nn.Module):\n    pass\nmodel = Net()\ncriterion = nn.CrossEntropyLoss()\ncriterion = criterion.to('cpu')\nmodel.fc.weight.data[0] = torch.zeros(3)",
        "test = pd.read_csv('test.csv')\npreds = model.predict(test)\nprint(preds)\npreds[:3]",
        "images, labels = next(iter(loader))\nhelper.imshow(images[0])",
        "fig = res.plot_influence()\nfig.tight_layout()",
    ]);
    assert_eq!(r[1], [Load, Feature]);
    assert_eq!(r[2], [Define, Train, Train, Train, Train]);
    assert_eq!(r[3], [Load, Predict, Predict, Explore]);
    assert_eq!(r[4][1], Visualize);
    assert_eq!(r[5][1], Visualize);
}

#[test]
fn containers_layers_and_row_filters() {
    use Role::*;
    let r = roles_of(&[
        "import numpy as np\nimport pandas as pd\nfrom tensorflow import keras\nfrom tensorflow.keras import layers\nfrom sklearn.neighbors import KNeighborsClassifier\nfrom sklearn.pipeline import Pipeline\nfrom sklearn.impute import SimpleImputer\nfrom sklearn.preprocessing import OneHotEncoder",
        "df = pd.read_csv('train.csv')\ndf = df[df['len'] > 0]",
        "scores = []\nfor k in [1, 3, 5]:\n    m = KNeighborsClassifier(n_neighbors=k)\n    m.fit(X_train, y_train)\n    scores.append(m.score(X_test, y_test))\nbest_k = [1, 3, 5][int(np.argmax(scores))]",
        "inputs = keras.Input(shape=(28,))\nembed = layers.Embedding(1000, 16)\nx = embed(inputs)",
        "encode = Pipeline([('impute', SimpleImputer()), ('onehot', OneHotEncoder())])\nmodel = Pipeline([('encode', encode), ('knn', KNeighborsClassifier())])",
    ]);
    assert_eq!(r[1], [Load, Clean]);
    assert_eq!(r[2], [Tune, Tune, Tune]);
    let splits = roles_of(&[
        "import pandas as pd",
        "df = pd.read_csv('d.csv')\nX_train, X_test = df[:800], df[800:]\ntrain = df[df['date'] < '2017']\nX_va = df.iloc[val_idx]\ncols = df[['a', 'b']]",
    ]);
    assert_eq!(splits[1], [Load, Split, Split, Split, Feature]);
    let scored = roles_of(&[
        "import numpy as np\nfrom sklearn.model_selection import train_test_split",
        "X_train, X_test, y_train, y_test = train_test_split(X, y)\npred = net.predict(X_test)\ny_true = np.argmax(y_test, axis=1)\nerrors = (np.argmax(pred, axis=1) != y_true)",
    ]);
    assert_eq!(scored[1][2], Evaluate);
    assert_eq!(r[3], [Train, Train, Train]);
    assert_eq!(r[4], [Feature, Train]);
    let r = roles_of(&[
        "import torch\nimport torch.nn as nn\nclass Net(nn.Module):\n    pass\nmodel = Net()",
        "correct = 0\nsteps = 0",
        "with torch.no_grad():\n    for images, labels in testloader:\n        outputs = model(images)\n        correct += (outputs.argmax(1) == labels).sum().item()\nprint(correct / 100)",
        "for x, y in trainloader:\n    steps += 1\n    loss = criterion(model(x), y)\n    loss.backward()\n    optimizer.step()",
    ]);
    assert_eq!(r[1], [Evaluate, Config]);
    assert_eq!(r[2], [Evaluate, Evaluate]);
    // A batch taken from a held-out loader to be predicted on and scored.
    let r = roles_of(&[
        "import torch\nimport torch.nn as nn\nfrom torchvision import datasets\nimport matplotlib.pyplot as plt\nclass Net(nn.Module):\n    pass\nmodel = Net()",
        "testset = datasets.MNIST('data', train=False)\ntestloader = torch.utils.data.DataLoader(testset)",
        "images, labels = next(iter(testloader))\nimg = images[0].view(1, 784)\nps = torch.exp(model(img))\naccuracy = (ps.argmax(1) == labels[0]).float().mean()",
        "shown, _ = next(iter(testloader))\nplt.imshow(shown[0])",
    ]);
    assert_eq!(r[2][..2], [Evaluate, Evaluate]);
    assert_ne!(r[3][0], Evaluate);
    let r = roles_of(&[
        "import pandas as pd\ndef clean_text(t):\n    return t.lower()",
        "df = pd.read_csv('reviews.csv')\ndf['clean'] = df['text'].apply(clean_text)\ndf['text'].head().apply(clean_text)",
    ]);
    assert_eq!(r[1], [Load, Clean, Explore]);
}

#[test]
fn models_built_or_returned_by_the_notebook_stay_models() {
    use Role::*;
    let r = roles_of(&[
        "import numpy as np\nfrom tensorflow import keras\nfrom torchvision import models\nfrom sklearn.preprocessing import LabelEncoder\nfrom keras.preprocessing.image import ImageDataGenerator",
        "def build_model():\n    m = keras.Sequential([keras.layers.Dense(1)])\n    m.compile(loss='mse')\n    return m\ndef train_model(model, loader):\n    for x, y in loader:\n        model(x).backward()\n    return model",
        "model = build_model()\nmodel.summary()\nhistory = model.fit(X, y)\nhist = pd.DataFrame(history.history)",
        "net = models.resnet18(pretrained=True)\nnet = train_model(net, loader)\nnet.eval()\nout = net(images)",
        "for c in cols:\n    lbl = LabelEncoder()\n    lbl.fit(df[c])\n    df[c] = lbl.transform(df[c])\ndatagen = ImageDataGenerator(zoom_range=0.1)\ndatagen.fit(X)",
        "classes = np.argmax(model.predict(X_new), axis=1)",
    ]);
    assert_eq!(r[2], [Train, Train, Train, Evaluate]);
    assert_eq!(r[3], [Train, Train, Evaluate, Predict]);
    assert_eq!(r[4], [Feature, Feature, Feature]);
    assert_eq!(r[5], [Predict]);
}

#[test]
fn loops_over_models_evaluate_and_loops_over_values_tune() {
    use Role::*;
    let r = roles_of(&[
        "from sklearn.model_selection import cross_val_score\nfrom sklearn.neighbors import KNeighborsClassifier",
        "for name, model in models:\n    s = cross_val_score(model, X, y, cv=5)\n    print(name, s.mean())",
        "for k in range(1, 20):\n    knn = KNeighborsClassifier(n_neighbors=k)\n    s = cross_val_score(knn, X, y, cv=5)",
    ]);
    assert_eq!(r[1], [Evaluate]);
    assert_eq!(r[2], [Tune]);
    // Predictions on a test part with no labels are for a submission.
    let r = roles_of(&[
        "import pandas as pd\nfrom xgboost import XGBRegressor",
        "train = full[:n]\ntest = full[n:]\nm = XGBRegressor()\nm.fit(train, y)\npred = m.predict(test)",
    ]);
    assert_eq!(r[1][4], Predict);
    // A data set that comes in parts has held-out labels: predictions on its test
    // part are scored.
    let r = roles_of(&[
        "from tensorflow import keras",
        "(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()\nmodel = keras.Sequential([keras.layers.Dense(10)])\nmodel.fit(x_train, y_train)\npredictions = model.predict(x_test)",
    ]);
    assert_eq!(r[1][3], Evaluate);
    // Predictions on the data the model was fitted on are its fitted values.
    let r = roles_of(&[
        "from sklearn.linear_model import LinearRegression",
        "lm = LinearRegression()\nlm.fit(X, y)\nfitted = lm.predict(X)\nnew = lm.predict(X_new)",
    ]);
    assert_eq!(r[1][2..], [Evaluate, Predict]);
    // A data set's own split, not a string's.
    let r = roles_of(&[
        "import pandas as pd",
        "train_data, valid_data = train_data.split(random_state=seed)\nwords = line.split(',')",
    ]);
    assert_eq!(r[1][0], Split);
    assert_ne!(r[1][1], Split);
    // A search by hand keeps the best fit; its placeholders are part of it.
    let r = roles_of(&[
        "import numpy as np\nfrom statsmodels.tsa.statespace.sarimax import SARIMAX",
        "train, test = df['Sales'][:n], df['Sales'][n:]",
        "best_aic = np.inf\nbest_order = None\nfor order in orders:\n    res = SARIMAX(train, order=order).fit()\n    if res.aic < best_aic:\n        best_aic, best_order = res.aic, order",
    ]);
    assert_eq!(r[1], [Split]);
    assert_eq!(r[2], [Tune, Tune, Tune]);
    // Walk-forward validation refits on the data, not per configuration, and its
    // predictions are scored.
    let r = roles_of(&[
        "import matplotlib.pyplot as plt\nfrom statsmodels.tsa.arima.model import ARIMA\nfrom sklearn.metrics import mean_squared_error",
        "predictions = list()\nfor t in range(len(test)):\n    fit = ARIMA(history, order=(5, 1, 0)).fit()\n    predictions.append(fit.forecast()[0])\n    history.append(test[t])\nrmse = mean_squared_error(test, predictions)",
        "preds = []\nfor i in range(n):\n    preds.append(rf.predict(rows[i]))\nmse = mean_squared_error(y_test, preds)\nplt.plot(preds)",
    ]);
    assert_eq!(r[1], [Evaluate, Evaluate, Evaluate]);
    assert_eq!(r[2], [Evaluate, Evaluate, Evaluate, Evaluate]);
}

#[test]
fn simulated_data_loads_and_arrays_of_constants_configure() {
    use Role::*;
    let r = roles_of(&[
        "import numpy as np\nimport statsmodels.api as sm",
        "n = 50\nx1 = np.linspace(0, 20, n)\nX = np.column_stack((x1, np.sin(x1)))\nbeta = np.array([0.5, -0.02])\ny_true = np.dot(X, beta)\ny = y_true + 0.5 * np.random.normal(size=n)\nquantiles = np.arange(0.05, 0.96, 0.1)\nar = np.r_[1, -beta]",
        "def forward(x):\n    return x\ny = forward(np.dot(X, beta))",
    ]);
    assert_eq!(
        r[1],
        [Config, Load, Feature, Config, Load, Load, Config, Config]
    );
    // A forward pass of the notebook's own function is not simulated data.
    assert_ne!(r[2][1], Load);
}

#[test]
fn estimators_that_cross_validate_their_own_settings_tune() {
    use Role::*;
    let r = roles_of(&[
        "from sklearn.linear_model import RidgeCV, LogisticRegressionCV\nfrom supervised.automl import AutoML",
        "ridge = RidgeCV(alphas=[0.1, 1.0, 10.0], cv=5)\nridge.fit(X, y)\nridge.alpha_\nridge.coef_",
        "automl = AutoML(total_time_limit=60)\nautoml.fit(X, y)\nautoml.get_leaderboard()",
    ]);
    assert_eq!(r[1], [Tune, Tune, Tune, Evaluate]);
    assert_eq!(r[2], [Tune, Tune, Tune]);
}

#[test]
fn learned_attributes_elbows_and_loaded_containers() {
    use Role::*;
    let r = roles_of(&[
        "import os\nimport cv2\nimport pandas as pd\nfrom sklearn.cluster import KMeans\nfrom sklearn.ensemble import RandomForestClassifier",
        "rf = RandomForestClassifier()\nrf.fit(X, y)\nimp = pd.DataFrame({'feature': X.columns, 'importance': rf.feature_importances_})",
        "wcss = []\nfor k in range(1, 11):\n    km = KMeans(n_clusters=k)\n    km.fit(X)\n    wcss.append(km.inertia_)",
        "images = []\nfor f in os.listdir('data'):\n    images.append(cv2.imread(f))",
    ]);
    assert_eq!(r[1], [Train, Train, Evaluate]);
    assert_eq!(r[2], [Tune, Tune]);
    assert_eq!(r[3], [Load, Load]);
    let r = roles_of(&[
        "import shap\nimport xgboost as xgb",
        "model = xgb.XGBRegressor()\nmodel.fit(X, y)\nprint(model.best_iteration)\nxgb.plot_importance(model)\nexplainer = shap.TreeExplainer(model)\nvalues = explainer.shap_values(X)",
    ]);
    assert_eq!(r[1], [Train, Train, Evaluate, Evaluate, Evaluate, Evaluate]);
}

#[test]
fn side_names() {
    assert_eq!(side_from_name("X_train"), Some(Side::Train));
    assert_eq!(side_from_name("xtrain"), Some(Side::Train));
    assert_eq!(side_from_name("y_val"), Some(Side::Test));
    assert_eq!(side_from_name("X_te"), Some(Side::Test));
    assert_eq!(side_from_name("X_va"), Some(Side::Test));
    assert_eq!(side_from_name("test"), None);
    assert_eq!(side_from_name("features"), None);
    assert_eq!(side_from_name("title"), None);
}

#[test]
fn a_message_after_a_step_reports_it() {
    use Role::*;
    let r = roles_of(&[
        "import pandas as pd\nfrom sklearn.cluster import KMeans",
        "print('Fitting:')\nkm = KMeans(n_clusters=2).fit(X)\nprint('Clustering complete!')",
        "print('Just a note')",
    ]);
    assert_eq!(r[1], [Train, Train, Train]);
    assert_eq!(r[2], [Explore]);
}

#[test]
fn tensorflow_1_graphs_build_train_and_score() {
    use Role::*;
    let r = roles_of(&[
        "import tensorflow as tf\nfrom tensorflow.python.framework import ops\nops.reset_default_graph()\nsess = tf.Session()",
        "x_data = tf.placeholder(shape=[None, 7], dtype=tf.float32)\nA = tf.Variable(tf.random_normal(shape=[7, 1]))\nmodel_output = tf.matmul(x_data, A)\nloss = tf.reduce_mean(model_output)\ntrain_step = tf.train.AdamOptimizer(0.01).minimize(loss)\naccuracy = tf.reduce_mean(tf.round(model_output))\ninit = tf.global_variables_initializer()\nsess.run(init)",
        "loss_vec = []\nfor i in range(1500):\n    sess.run(train_step, feed_dict={x_data: x})\n    loss_vec.append(sess.run(loss, feed_dict={x_data: x}))",
    ]);
    assert_eq!(r[0], [Import, Import, Setup, Setup]);
    assert_eq!(
        r[1],
        [Train, Train, Train, Train, Train, Evaluate, Train, Train]
    );
    assert_eq!(r[2], [Train, Train]);
}

#[test]
fn rows_picked_by_a_sides_indices_split() {
    use Role::*;
    let r = roles_of(&[
        "import numpy as np",
        "train_indices = np.random.choice(len(x), round(len(x) * 0.8), replace=False)\ntest_indices = np.array(list(set(range(len(x))) - set(train_indices)))\nx_train = x[train_indices]\ntexts_test = [t for ix, t in enumerate(texts) if ix in test_indices]\ncut = int(len(x) * 0.8)",
    ]);
    assert_eq!(r[1], [Split, Split, Split, Split, Split]);
}

#[test]
fn sizes_paths_and_generators_are_settings_or_simulated_data() {
    use Role::*;
    let r = roles_of(&[
        "import numpy as np\nfrom pathlib import Path\nimport pandas as pd",
        "data_path = Path('data/')\nimage_path = data_path / 'pizza'\nrng = np.random.RandomState(1)\nx = 10 * rng.rand(200)",
        "df = pd.read_csv('train.csv')\nvocab_size = len(df.columns)\nn_input = df.shape[1]",
    ]);
    assert_eq!(r[1], [Config, Config, Config, Load]);
    assert_eq!(r[2], [Load, Config, Config]);
}

#[test]
fn encoded_columns_dropped_chained_predictions_and_downloads() {
    use Role::*;
    let r = roles_of(&[
        "import os\nimport requests\nimport pandas as pd\nfrom sklearn.linear_model import LinearRegression\nfrom sklearn.model_selection import validation_curve",
        "df = pd.read_csv('train.csv')\ndf = pd.concat([df, pd.get_dummies(df['job'], prefix='job')], axis=1)\ndf.drop('job', axis=1, inplace=True)\ndf.drop('notes', axis=1, inplace=True)",
        "model = LinearRegression()\ny_new = model.fit(X, y).predict(X_new)\ntrain_score, val_score = validation_curve(model, X, y, param_name='fit_intercept', param_range=[True, False])",
        "if not os.path.exists('data.csv'):\n    r = requests.get(URL)\n    with open('data.csv', 'w') as f:\n        f.write(r.text)",
    ]);
    assert_eq!(r[1], [Load, Feature, Feature, Clean]);
    assert_eq!(r[2], [Train, Predict, Tune]);
    assert_eq!(r[3], [Load]);
}

#[test]
fn decompositions_are_the_model_only_when_nothing_else_is() {
    use Role::*;
    let studied = roles_of(&[
        "from sklearn.decomposition import PCA",
        "pca = PCA(n_components=2)\npca.fit(X)\nprint(pca.explained_variance_)",
    ]);
    assert_eq!(studied[1], [Train, Train, Evaluate]);
    let step = roles_of(&[
        "from sklearn.decomposition import PCA\nfrom sklearn.linear_model import LogisticRegression",
        "pca = PCA(n_components=2)\nX2 = pca.fit_transform(X)\nLogisticRegression().fit(X2, y)",
    ]);
    assert_eq!(step[1], [Feature, Feature, Train]);
}

#[test]
fn an_untrained_network_run_on_training_data_predicts() {
    use Role::*;
    let r = roles_of(&[
        "import torch\nfrom torch import nn\nfrom sklearn.model_selection import train_test_split\nclass Net(nn.Module):\n    pass",
        "X_train, X_test, y_train, y_test = train_test_split(X, y)\nmodel = Net()\nprint(model(X_train[:10]))",
        "for epoch in range(10):\n    loss = loss_fn(model(X_train), y_train)\n    loss.backward()\n    optimizer.step()",
        "acc = (model(X_test).argmax(1) == y_test).float().mean()",
    ]);
    assert_eq!(r[1], [Split, Train, Predict]);
    assert_eq!(r[2], [Train]);
    assert_eq!(r[3], [Evaluate]);
}

#[test]
fn missing_rows_filled_predictions_collected_and_figures_drawn() {
    use Role::*;
    let r = roles_of(&[
        "import pandas as pd\nimport seaborn as sns\nfrom sklearn.linear_model import LogisticRegression",
        "train = pd.read_csv('train.csv')\nnull_cols = train[train['Age'].isna()].index\nfor n in null_cols:\n    train.loc[n, 'Age'] = 0",
        "g = sns.FacetGrid(train, col='Survived')\ng.map(sns.histplot, 'Age')\nplot1 = train.groupby('Pclass').sum()\nsns.lineplot(data=plot1)",
        "model = LogisticRegression().fit(X, y)\ny_fin = list(model.predict(test))\ncat_result = []\nfor p in y_fin:\n    cat_result.append(int(p > 0.5))\ntest['Survived'] = cat_result",
    ]);
    assert_eq!(r[1], [Load, Clean, Clean]);
    assert_eq!(r[2], [Visualize, Visualize, Explore, Visualize]);
    assert_eq!(r[3], [Train, Predict, Predict, Predict, Predict]);
}

#[test]
fn a_frames_predicted_column_read_back_predicts() {
    use Role::*;
    let r = roles_of(&[
        "import pandas as pd\nfrom sklearn.linear_model import LinearRegression",
        "test = pd.read_csv('test.csv')\nmodel = LinearRegression().fit(X, y)\ntest['SalePrice'] = model.predict(test[cols])\nfinal = test[['Id', 'SalePrice']]\nfinal.to_csv('submission.csv', index=False)",
    ]);
    assert_eq!(r[1], [Load, Train, Predict, Predict, Persist]);
}

#[test]
fn stored_parts_load_and_bare_prediction_peeks_explore() {
    use Role::*;
    let r = roles_of(&[
        "import numpy as np\nfrom sklearn.linear_model import LogisticRegression",
        "archive = np.load('features.npz')\ntrain_x = archive['train']\ncols = df.columns[1:-1]",
        "model = LogisticRegression().fit(train_x, y)\nmodel.predict(test)[:10]",
    ]);
    assert_eq!(r[1], [Load, Load, Feature]);
    assert_eq!(r[2], [Train, Explore]);
}

#[test]
fn held_out_truth_and_hand_made_predictions_evaluate() {
    use Role::*;
    let r = roles_of(&[
        "import pandas as pd\nfrom sklearn.model_selection import train_test_split\ndef simple_heuristic(X):\n    return X['Sex'] == 'female'",
        "df = pd.read_csv('train.csv')\nX_train, X_valid, y_train, y_valid = train_test_split(df, df['Survived'])\nsimplePredictions = simple_heuristic(X_valid)\ncorrect = sum(simplePredictions == y_valid)\ny_true = y_valid.values",
    ]);
    assert_eq!(r[1], [Load, Split, Evaluate, Evaluate, Evaluate]);
}

#[test]
fn columns_dropped_after_encoding_or_from_a_split_side_are_feature_work() {
    use Role::*;
    let r = roles_of(&[
        "import pandas as pd\nfrom sklearn.model_selection import train_test_split",
        "titanic = pd.read_csv('train.csv')\nports = pd.get_dummies(titanic.Embarked, prefix='Embarked')\ntitanic = titanic.join(ports)\ntitanic.drop(['Embarked'], axis=1, inplace=True)\ntitanic.drop(['Cabin'], axis=1, inplace=True)",
        "X_train, X_valid, y_train, y_valid = train_test_split(X, y)\nnum_X_train = X_train.drop(object_cols, axis=1)",
    ]);
    assert_eq!(r[1], [Load, Feature, Feature, Feature, Clean]);
    assert_eq!(r[2], [Split, Feature]);
}

#[test]
fn values_prepared_only_to_be_drawn_are_looks() {
    use Role::*;
    let r = roles_of(&[
        "import numpy as np\nimport pandas as pd\nimport matplotlib.pyplot as plt",
        "df = pd.read_csv('bikes.csv')\nlogged = np.log(df['demand'])\nplt.hist(logged)",
    ]);
    assert_eq!(r[1], [Load, Explore, Visualize]);
}

#[test]
fn files_closed_and_submissions_sent_keep_their_io_role() {
    use Role::*;
    let r = roles_of(&[
        "import io",
        "out_v = io.open('vecs.tsv', 'w', encoding='utf-8')\nout_v.write('x')\nout_v.close()\n!kaggle competitions submit -c titanic -f submission.csv -m first",
    ]);
    assert_eq!(r[1], [Persist, Persist, Persist, Persist]);
}

#[test]
fn grids_built_with_dict_are_config_and_search_classes_tune() {
    use Role::*;
    let r = roles_of(&[
        "from sklearn.neighbors import KNeighborsClassifier\nclass GridSearch:\n    pass",
        "neighbors = [1, 2, 3]\nparam_grid = dict(n_neighbors=neighbors)\nsearch = GridSearch(X, y, KNeighborsClassifier(), param_grid)",
    ]);
    assert_eq!(r[1], [Config, Config, Tune]);
}

#[test]
fn folders_made_for_a_download_are_part_of_loading() {
    use Role::*;
    let r = roles_of(&[
        "!mkdir data\n%cd data\n!wget https://example.org/reviews.csv\n%cd ..",
        "!mkdir logs\n!ls",
    ]);
    assert_eq!(r[0], [Load, Load, Load, Load]);
    assert_eq!(r[1], [Setup, Setup]);
}

#[test]
fn a_trained_networks_weights_read_out_evaluate() {
    use Role::*;
    let r = roles_of(&[
        "import torch\nfrom torch import nn\nclass Net(nn.Module):\n    pass\nnet = Net()",
        "for epoch in range(3):\n    loss = loss_fn(net(X), y)\n    loss.backward()\n    optimizer.step()",
        "fc1_weights = net.fc1.weight.detach()",
    ]);
    assert_eq!(r[2], [Evaluate]);
}

#[test]
fn an_encoders_learned_categories_show_feature_work() {
    use Role::*;
    let r = roles_of(&[
        "from sklearn.preprocessing import OneHotEncoder\nimport numpy as np\nfeature = np.array([['a'], ['b']])",
        "one_hot = OneHotEncoder()\none_hot.fit_transform(feature)\none_hot.categories_",
    ]);
    assert_eq!(r[1][2], Feature);
}

#[test]
fn removing_characters_from_text_cleans_it() {
    use Role::*;
    let r = roles_of(&[
        "import re\nimport pandas as pd\ndata = pd.read_csv('tweets.csv')",
        "data['text'] = data['text'].apply(lambda x: re.sub('[^a-zA-Z0-9 ]', '', x))\nraw = re.sub(r'[^\\x00-\\x7f]', '', raw)",
    ]);
    assert_eq!(r[1], [Clean, Clean]);
}

#[test]
fn a_loop_over_held_out_predictions_evaluates() {
    use Role::*;
    let r = roles_of(&[
        "from sklearn.linear_model import LogisticRegression\nfrom sklearn.model_selection import train_test_split\nimport pandas as pd\ndf = pd.read_csv('d.csv')",
        "x_train, x_valid, y_train, y_valid = train_test_split(df[['a']], df['y'])\nmodel = LogisticRegression().fit(x_train, y_train)\ny_hat = model.predict_proba(x_valid)",
        "flat = []\nfor y in y_hat:\n    flat.append(y[0])",
    ]);
    assert_eq!(r[2], [Evaluate, Evaluate]);
}

#[test]
fn predictions_on_validation_data_and_metrics_named_as_functions_evaluate() {
    use Role::*;
    let r = roles_of(&[
        "from fclib.evaluation import MAPE\nfrom lightgbm import LGBMRegressor\nimport pandas as pd",
        "model = LGBMRegressor().fit(X, y)\npredictions = model.predict(val_dataloader)",
        "pred = model.predict(test_fea)\ncombined = pd.merge(pred, test_df, on='week')\nmetric_value = MAPE(combined['move'], combined['actual'])",
    ]);
    assert_eq!(r[1][1], Evaluate);
    assert_eq!(r[2], [Evaluate, Evaluate, Evaluate]);
}

#[test]
fn new_columns_derived_from_others_are_features() {
    use Role::*;
    let r = roles_of(&[
        "import pandas as pd\ntrain = pd.read_csv('train.csv')",
        "train['Dep_hour'] = pd.to_datetime(train['Dep_Time']).dt.hour\ntrain['Deck'] = train['Cabin'].str.split('/', expand=True)[0]\ntrain['Date'] = pd.to_datetime(train['Date'])\ntrain['season'] = train.season.astype('category')\ntrain['YearMonth'] = pd.to_datetime(train['Year'] + train['Month'])",
        "train = train.drop(['Utilities', 'Id'], axis=1)",
    ]);
    assert_eq!(r[1], [Feature, Feature, Clean, Clean, Clean]);
    assert_eq!(r[2], [Feature]);
}

#[test]
fn trained_layers_true_labels_and_test_functions_evaluate() {
    use Role::*;
    let r = roles_of(&[
        "from tensorflow import keras\nimport numpy as np\ny_test = np.load('y_test.npy')",
        "model = keras.Sequential([keras.layers.Dense(1)])\nmodel.compile(loss='mse')\nmodel.fit(x_train, y_train)",
        "embedding = model.get_layer('embedding')\ne = model.layers[0]\ncls_true = np.array(y_test[0:1000])",
        "def test_model(model, loader):\n    for x, y in loader:\n        model.train_on_batch(x, y)\nacc = test_model(model, loader_valid)",
    ]);
    assert_eq!(r[2], [Evaluate, Evaluate, Evaluate]);
    assert_eq!(r[3][1], Evaluate);
}

#[test]
fn class_names_and_their_maps_are_config() {
    use Role::*;
    let r = roles_of(&[
        "import numpy as np\nimport tensorflow_datasets as tfds\ndataset, info = tfds.load('cats_vs_dogs', with_info=True)",
        "class_names = np.array(info.features['label'].names)\nid2label = {k: v for k, v in enumerate(class_names)}\nlabel2id = {v: k for k, v in enumerate(class_names)}",
    ]);
    assert_eq!(r[1], [Config, Config, Config]);
    assert!(!api::names_class_labels("x2y") && !api::names_class_labels("labels"));
}

#[test]
fn filling_the_models_inputs_cleans_them() {
    use Role::*;
    let r = roles_of(&[
        "import pandas as pd\nfrom sklearn.model_selection import train_test_split\ndf = pd.read_csv('adult.csv')\nX_train, X_test = train_test_split(df)",
        "train_mode = X_train.mode().iloc[0]\nX_train = X_train.fillna(train_mode)\nX = df['email'].fillna('')",
    ]);
    assert_eq!(r[1][1..], [Clean, Feature]);
}

#[test]
fn loops_that_set_a_hyperparameter_per_pass_tune() {
    use Role::*;
    let r = roles_of(&[
        "import numpy as np\nfrom sklearn.ensemble import GradientBoostingRegressor\nfrom sklearn.model_selection import cross_validate\nfrom sklearn.linear_model import LinearRegression",
        "reg = GradientBoostingRegressor()\nerrors = []\nfor s in [10, 50, 100]:\n    reg.n_estimators = s\n    reg.fit(X_train, y_train)\n    errors.append(reg.score(X_test, y_test))",
        "M = LinearRegression()\ncv_error = np.zeros(5)\nfor i, d in enumerate(range(1, 6)):\n    X = np.power.outer(H, np.arange(d + 1))\n    cv = cross_validate(M, X, Y, cv=5)\n    cv_error[i] = np.mean(cv['test_score'])",
    ]);
    assert_eq!(r[1][1..], [Tune, Tune]);
    assert_eq!(r[2][1..], [Tune, Tune]);
}

#[test]
fn helpers_that_draw_results_evaluate() {
    assert_eq!(
        role_from_function_name("plot_predictions"),
        Some(Role::Evaluate)
    );
    assert_eq!(
        role_from_function_name("show_training_info_keras"),
        Some(Role::Evaluate)
    );
    assert_eq!(
        role_from_function_name("plot_images"),
        Some(Role::Visualize)
    );
    assert_eq!(role_from_function_name("test_model"), Some(Role::Evaluate));
    assert_eq!(role_from_function_name("MAPE"), Some(Role::Evaluate));
    // `test` counts only as the first word.
    assert_ne!(
        role_from_function_name("train_test_split"),
        Some(Role::Evaluate)
    );
}

#[test]
fn unknown_calls_named_for_reading_or_writing_do_it() {
    use Role::*;
    let r = roles_of(&[
        "import json\nimport pydotplus\nfrom tensorflow.examples.tutorials.mnist import input_data\nfrom sklearn.tree import export_graphviz",
        "mnist = input_data.read_data_sets('MNIST_data', one_hot=True)",
        "graph = pydotplus.graph_from_dot_data(dot_data)\ngraph.write_pdf('tree.pdf')",
        "tokenizer.save_vocabulary(output_dir)\nprint('All files saved')",
        "text = json.dumps(record)",
    ]);
    assert_eq!(r[1], [Load]);
    assert_eq!(r[2][1], Persist);
    assert_eq!(r[3], [Persist, Persist]);
    assert_ne!(r[4], [Persist]);
}

#[test]
fn own_functions_named_like_a_library_function_do_its_work() {
    use Role::*;
    let r = roles_of(&[
        "import pandas as pd",
        "def train_test_split(df, frac=0.8):\n    n = int(len(df) * frac)\n    return df[:n], df[n:]",
        "df = pd.read_csv('data.csv')\ntrain, test = train_test_split(df)",
    ]);
    assert_eq!(r[2], [Load, Split]);
}

#[test]
fn a_frame_named_as_the_submission_predicts() {
    use Role::*;
    let r = roles_of(&[
        "import pandas as pd",
        "train = pd.read_csv('train.csv')\ntest = pd.read_csv('test.csv')\nmedian_price = train.groupby('Neighborhood')['SalePrice'].median().reset_index()",
        "submission = pd.merge(test[['Id', 'Neighborhood']], median_price, on='Neighborhood')\nX_submission = test.select_dtypes(include='number')",
    ]);
    assert_eq!(r[2][0], Predict);
    assert_ne!(r[2][1], Predict);
}

#[test]
fn dropping_or_deleting_the_columns_a_feature_replaced_is_feature_work() {
    use Role::*;
    let r = roles_of(&[
        "import pandas as pd",
        "train = pd.read_csv('flights.csv')\ntrain.dropna(inplace=True)",
        "train['Journey_day'] = train['Date_of_Journey'].str.split('/').str[0].astype(int)\ntrain.drop(['Date_of_Journey'], axis=1, inplace=True)\ntrain.drop(['Route'], axis=1, inplace=True)",
        "del train['id']\ndel train['Additional_Info']",
    ]);
    assert_eq!(r[2], [Feature, Feature, Clean]);
    assert_eq!(r[3], [Feature, Clean]);
}

#[test]
fn a_fit_only_summarised_evaluates() {
    use Role::*;
    let r = roles_of(&[
        "import statsmodels.api as sm\nfrom ISLP.models import summarize",
        "X = sm.add_constant(df[['lstat']])\nmodel = sm.OLS(df['medv'], X)",
        "summarize(model.fit())\nmodel.fit().summary2()\nresults = model.fit()",
    ]);
    assert_eq!(r[2], [Evaluate, Evaluate, Train]);
}

/// The eleventh tune set's rare stages (docs/roles.md, train vs tune and "a look takes
/// the role of what it looks at"): a search's records and every table made from them
/// tune; sentences typed in under a record's name are data; uploads and deployments
/// save.
#[test]
fn searches_records_and_uploads_follow_the_written_definitions() {
    use Role::*;
    let r = roles_of(&[
        "import optuna\nimport pandas as pd\nfrom hyperopt import fmin, tpe, Trials\nfrom hyperopt import plotting as hpplot\nfrom sklearn.model_selection import GridSearchCV\nfrom sklearn.svm import SVC",
        "sampler = optuna.samplers.TPESampler()\npruner = optuna.pruners.HyperbandPruner()\nstudy = optuna.create_study(sampler=sampler, pruner=pruner)\nstudy.optimize(objective, n_trials=20)\nprint(study.best_trial)",
        "trials = Trials()\nbest = fmin(objective, space, algo=tpe.suggest, trials=trials)\ntrials.argmin\nhpplot.main_plot_history(trials)",
        "search = GridSearchCV(SVC(), {'C': [1, 10]})\nsearch.fit(X, y)\nresults = pd.DataFrame(search.cv_results_)\nresults.sort_values(by='mean_test_score', inplace=True)\nresults.head()",
        "review1 = 'The film was very boring.'\ntext = \"This is so exciting!\"\ntitle = 'Scores by model'\nnew_questions = ['What is a cat?', 'Who wrote Hamlet?']",
        "!gsutil cp model.bst gs://$BUCKET/models/\n!gsutil cp gs://$BUCKET/train.csv data/\n!gcloud ai-platform versions create v1 --model flights\n!kaggle competitions submit -c titanic -f sub.csv -m first",
        "location = session.upload_data('data/train.csv', key_prefix=prefix)",
        "import sagemaker\nimport evaluate\nfrom sagemaker import get_execution_role\nfrom sagemaker.tuner import HyperparameterTuner",
        "session = sagemaker.Session()\nrole = get_execution_role()\nxgb = sagemaker.estimator.Estimator(container, role, sagemaker_session=session)\nxgb.set_hyperparameters(max_depth=5)\ntuner = HyperparameterTuner(estimator=xgb, objective_metric_name='validation:rmse')\ntuner.fit({'train': s3_input_train})\naccuracy = evaluate.load('accuracy')",
    ]);
    assert_eq!(r[1], [Tune; 5]);
    assert_eq!(r[2], [Tune; 4]);
    assert_eq!(r[3], [Tune; 5]);
    assert_eq!(r[4], [Load, Load, Config, Load]);
    assert_eq!(r[5], [Persist, Load, Persist, Persist]);
    assert_eq!(r[6], [Persist]);
    assert_eq!(
        r[8],
        [Setup, Setup, Train, Train, Tune, Tune, Evaluate],
        "SageMaker's settings, estimators and tuners, and a metric loaded by name"
    );
}

#[test]
fn grids_files_and_paths_follow_the_written_definitions() {
    use Role::*;
    let r = roles_of(&[
        "import itertools\nimport os\nimport numpy as np\nimport utils\nfrom torch.utils.data import Dataset\nfrom sklearn.model_selection import train_test_split",
        // A grid typed in or put together from constants is configuration.
        "k_range = list(range(1, 30))\nparams = dict(n_neighbors=k_range)\np = q = range(0, 4)\npdq = [(a, 0, b) for a, b in itertools.product(p, q)]\nscope = [np.int16(m) for m in np.linspace(100, 1000, num=10)]",
        // A data file handed to a function no table knows is read by it; the path
        // put together is not.
        "TRAIN_FILE = os.path.join('data', 'train.csv')\ndf = utils.csv_to_dataframe(TRAIN_FILE)\nraw = utils.create_df('power.txt', sep=';')",
        "train_df, val_df = train_test_split(df)\nclass Images(Dataset):\n    pass",
        // A path built as an argument does not make data work configuration.
        "train_ds = Images(train_df, os.path.join('data', 'train'))\nX = df.values\nX /= 255",
        // Asking a served model is predicting.
        "!gcloud ai-platform predict --model m --json-instances input.json",
        // The notebook's own function named for showing results shows them.
        "def display_importance(model, names):\n    print(names)\ndisplay_importance(model, names)",
    ]);
    assert_eq!(r[1], [Config; 5]);
    assert_eq!(r[2], [Config, Load, Load]);
    assert_eq!(r[4], [Feature, Feature, Feature]);
    assert_eq!(r[5], [Predict]);
    assert_eq!(r[6], [Define, Evaluate]);
}

/// A bare comparison of predictions with the truth is a score computed by hand; a
/// bare look at predictions alone stays a look (docs/roles.md, evaluate vs explore).
#[test]
fn scores_computed_by_hand_evaluate() {
    use Role::*;
    let r = roles_of(&[
        "import numpy as np\nfrom sklearn.linear_model import LinearRegression\nfrom sklearn.model_selection import train_test_split",
        "X_train, X_valid, y_train, y_valid = train_test_split(X, y)\nmodel = LinearRegression().fit(X_train, y_train)\nvalid_pred = model.predict(X_valid)",
        "np.mean((y_valid - valid_pred) ** 2)",
        "np.sum(valid_pred == y_valid)",
        "valid_pred[:3]",
        "len(valid_pred)",
    ]);
    assert_eq!(r[2], [Evaluate]);
    assert_eq!(r[3], [Evaluate]);
    assert_eq!(r[4], [Explore]);
    assert_eq!(r[5], [Explore]);
}
