#!/usr/bin/env python3
"""(Re)build the sample notebooks in samples/ from the cell sources below.

    .venv/bin/python scripts/build_sample_notebooks.py            # build + execute all
    .venv/bin/python scripts/build_sample_notebooks.py --no-execute titanic_messy

Each notebook is written as nbformat 4.5 (every cell has a stable id) with a
Python 3 kernelspec.  Unless --no-execute is given it is executed with nbclient
(working directory samples/) and saved with its outputs; for titanic_messy the
stored execution counts are then rewritten to the deliberately out-of-order
values in STORED_COUNTS.  Files the notebooks write (submission.csv,
model.joblib, predictions.csv) are removed afterwards unless --keep-artifacts.

samples/README.md documents the deliberate problems by cell index: keep it in
step with the cell lists here.  Needs nbformat and nbclient (scripts/python-env.sh).
"""
import argparse
import hashlib
import os
import sys

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLES = os.path.join(REPO_ROOT, "samples")

ARTIFACTS = ["submission.csv", "model.joblib", "predictions.csv"]


def md(src):
    return ("markdown", src)


def code(src):
    return ("code", src)


# --------------------------------------------------------------------------
# a. titanic_messy: a typical messy Kaggle notebook
# --------------------------------------------------------------------------
TITANIC = [
    # 0
    md("""# 타이타닉 생존자 예측 (Titanic - Machine Learning from Disaster)

Kaggle 타이타닉 대회 노트북입니다. 첫 번째 시도 - 아직 정리 안 됨.
My first Kaggle submission, quick & dirty."""),
    # 1
    code("""# !pip install seaborn
import os
import warnings
warnings.filterwarnings('ignore')

import numpy as np
import pandas as pd
import matplotlib.pyplot as plt
%matplotlib inline

np.random.seed(42)"""),
    # 2
    md("""## 데이터 불러오기"""),
    # 3
    code("""KAGGLE_PATH = '/kaggle/input/titanic/'
# train = pd.read_csv('/kaggle/input/titanic/train.csv')
# test = pd.read_csv('/kaggle/input/titanic/test.csv')

if os.path.exists(KAGGLE_PATH):
    DATA_DIR = KAGGLE_PATH
else:
    DATA_DIR = 'data/'  # 로컬 실행용 (local run)

train = pd.read_csv(DATA_DIR + 'titanic_train.csv')
test = pd.read_csv(DATA_DIR + 'titanic_test.csv')
print(train.shape, test.shape)"""),
    # 4
    code("""train.head()"""),
    # 5
    code("""# 전처리 함수 (features 리스트는 아래 셀에서 정의함)
def get_X(frame):
    X = frame[features].copy()
    X['Sex'] = X['Sex'].map({'male': 0, 'female': 1})
    return X"""),
    # 6
    md("""# 결측치 처리
Missing values: Age -> median, drop Cabin (mostly empty), Embarked later."""),
    # 7
    code("""train.isnull().sum()"""),
    # 8
    code("""# 나이 결측치는 중앙값으로 채움
train.fillna({'Age': train['Age'].median()}, inplace=True)
test.fillna({'Age': train['Age'].median()}, inplace=True)

# Cabin 은 거의 비어있어서 삭제
train.drop(columns=['Cabin'], inplace=True)
test.drop(columns=['Cabin'], inplace=True)"""),
    # 9
    code("""train.describe()"""),
    # 10
    md("""## 피처 엔지니어링 (Feature engineering)"""),
    # 11
    code("""# 이름에서 호칭(Title) 추출
train['Title'] = train['Name'].str.extract(r',\\s*([^\\.]+)\\.', expand=False)
test['Title'] = test['Name'].str.extract(r',\\s*([^\\.]+)\\.', expand=False)
title_map = {'Mr': 0, 'Miss': 1, 'Mrs': 2, 'Master': 3}
train['Title'] = train['Title'].map(title_map).fillna(4)
test['Title'] = test['Title'].map(title_map).fillna(4)

train['FamilySize'] = train['SibSp'] + train['Parch'] + 1
test['FamilySize'] = test['SibSp'] + test['Parch'] + 1
train['Title'].value_counts()"""),
    # 12
    code("""train = train.dropna(subset=['Embarked'])  # Embarked 결측 2개 제거
embarked_map = {'S': 0, 'C': 1, 'Q': 2}
train['Embarked'] = train['Embarked'].map(embarked_map)
test['Embarked'] = test['Embarked'].fillna('S').map(embarked_map)
test['Fare'] = test['Fare'].fillna(test['Fare'].median())
print(train.shape)"""),
    # 13
    code("""features = ['Pclass', 'Sex', 'Age', 'SibSp', 'Parch', 'Fare', 'Embarked', 'Title', 'FamilySize']
train[features].head()"""),
    # 14
    md("""## 모델 학습 (Model training)"""),
    # 15
    code("""from sklearn.preprocessing import StandardScaler
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import accuracy_score

X = get_X(train)
y = train['Survived']

# 스케일링 먼저 (전체 데이터에 fit 한 다음 split)
scaler = StandardScaler()
X_scaled = scaler.fit_transform(X)

X_train, X_val, y_train, y_val = train_test_split(X_scaled, y, test_size=0.2, random_state=42)
rf = RandomForestClassifier(n_estimators=300, max_depth=7, min_samples_leaf=2, random_state=42)
rf.fit(X_train, y_train)
acc = accuracy_score(y_val, rf.predict(X_val))
print(f"accuracy: {acc:.4f}")"""),
    # 16
    code("""# quick check: logistic regression, 다른 split 으로
from sklearn.linear_model import LogisticRegression
X_tr, X_te, y_tr, y_te = train_test_split(X_scaled, y, test_size=0.2)
lr = LogisticRegression(C=0.5, max_iter=1000)
lr.fit(X_tr, y_tr)
print(f"quick check accuracy (logreg): {lr.score(X_te, y_te):.4f}")"""),
    # 17
    md("""### 한 셀에서 다시 (v2: load + clean + train + plot)"""),
    # 18
    code("""# v2: 처음부터 다시 불러와서 전처리 + 학습 + 시각화
df = pd.read_csv(DATA_DIR + 'titanic_train.csv')
df = df.dropna(subset=['Embarked'])
df.fillna({'Age': df['Age'].median()}, inplace=True)
df['Sex'] = df['Sex'].map({'male': 0, 'female': 1})
df['FamilySize'] = df['SibSp'] + df['Parch'] + 1
cols = ['Pclass', 'Sex', 'Age', 'Fare', 'FamilySize']
X2_train, X2_val, y2_train, y2_val = train_test_split(df[cols], df['Survived'], test_size=0.2, random_state=0)
model = RandomForestClassifier(n_estimators=100, max_depth=5, random_state=0)
model.fit(X2_train, y2_train)
acc2 = accuracy_score(y2_val, model.predict(X2_val))
print(f"accuracy (v2): {acc2:.4f}")

fig, axes = plt.subplots(1, 2, figsize=(10, 4))
df.groupby('Pclass')['Survived'].mean().plot(kind='bar', ax=axes[0], title='Survival rate by class')
pd.Series(model.feature_importances_, index=cols).sort_values().plot(kind='barh', ax=axes[1], title='Feature importance')
plt.tight_layout()
plt.show()"""),
    # 19
    md("""## 제출 파일 만들기 (Submission)"""),
    # 20
    code("""X_test = scaler.transform(get_X(test))
test['Survived'] = rf.predict(X_test)
submission = test[['PassengerId', 'Survived']]
submission.to_csv('submission.csv', index=False)
print(f"submission rows: {len(submission)}, predicted survival rate: {submission['Survived'].mean():.4f}")"""),
    # 21
    code(""""""),
]

# Stored execution counts for titanic_messy (cell index -> count), applied
# after execution: out of order (cells 4/5/7 and 16/18) with 12 missing.
TITANIC_STORED_COUNTS = {
    1: 1, 3: 2, 4: 5, 5: 3, 7: 4, 8: 6, 9: 7, 11: 8, 12: 9, 13: 10,
    15: 11, 16: 14, 18: 13, 20: 15, 21: None,
}

# --------------------------------------------------------------------------
# b. model_serving: train, save with joblib, load back, predict
# --------------------------------------------------------------------------
SERVING = [
    # 0
    md("""# Iris classifier: train, save, serve

붓꽃(iris) 분류 모델을 학습하고 `joblib` 으로 저장한 뒤, 다시 불러와서 새 입력을 예측합니다.
Train a model on the bundled iris data, save it, load it back and predict for new inputs."""),
    # 1
    code("""import joblib
import pandas as pd
from sklearn.datasets import load_iris
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split
from sklearn.metrics import accuracy_score, classification_report"""),
    # 2
    code("""iris = load_iris(as_frame=True)
df = iris.frame
df.head()"""),
    # 3
    md("""## 학습, 평가, 저장 (train, evaluate, save)"""),
    # 4
    code("""MODEL_PATH = 'model.joblib'

X = df.drop(columns=['target'])
y = df['target']
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=7, stratify=y)

clf = RandomForestClassifier(n_estimators=100, max_depth=4, random_state=7)
clf.fit(X_train, y_train)
y_pred = clf.predict(X_test)
acc = accuracy_score(y_test, y_pred)
print(f"accuracy: {acc:.4f}")
print(classification_report(y_test, y_pred, target_names=iris.target_names))

joblib.dump({'model': clf, 'target_names': list(iris.target_names)}, MODEL_PATH)
print('saved model to', MODEL_PATH)"""),
    # 5
    md("""## Serving
저장된 모델을 다시 불러와서 예측합니다. (load the saved model and predict)"""),
    # 6
    code("""def predict(records):
    # 요청마다 모델을 다시 로드함 (TODO: 캐시)
    bundle = joblib.load(MODEL_PATH)
    frame = pd.DataFrame(records)[X.columns]
    labels = bundle['model'].predict(frame)
    return [bundle['target_names'][i] for i in labels]"""),
    # 7
    code("""new_inputs = [
    {'sepal length (cm)': 5.1, 'sepal width (cm)': 3.5, 'petal length (cm)': 1.4, 'petal width (cm)': 0.2},
    {'sepal length (cm)': 6.2, 'sepal width (cm)': 2.9, 'petal length (cm)': 4.3, 'petal width (cm)': 1.3},
    {'sepal length (cm)': 7.7, 'sepal width (cm)': 3.0, 'petal length (cm)': 6.1, 'petal width (cm)': 2.3},
    {'sepal length (cm)': 5.9, 'sepal width (cm)': 3.0, 'petal length (cm)': 5.1, 'petal width (cm)': 1.8},
]
preds = predict(new_inputs)
for record, label in zip(new_inputs, preds):
    print(record, '->', label)"""),
    # 8
    code("""import json

def handle_request(payload):
    # TODO: FastAPI 엔드포인트로 옮기기
    if 'instances' not in payload:
        return {'error': 'missing instances'}
    return {'predictions': predict(payload['instances'])}

print(json.dumps(handle_request({'instances': new_inputs[:2]})))"""),
    # 9
    code("""loaded = joblib.load(MODEL_PATH)['model']
proba = loaded.predict_proba(pd.DataFrame(new_inputs))
print(pd.DataFrame(proba, columns=iris.target_names).round(3))"""),
]

# --------------------------------------------------------------------------
# c. tidy_pipeline: the "good" notebook
# --------------------------------------------------------------------------
TIDY = [
    # 0
    md("""# Breast-cancer classifier: a tidy pipeline

Loads the breast-cancer data bundled with scikit-learn, cleans it, adds two ratio
features, trains a scaled logistic regression on a seeded split, reports the
metrics and writes the test-split predictions to `predictions.csv`."""),
    # 1
    code("""from pathlib import Path

import pandas as pd
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler"""),
    # 2
    code("""OUTPUT_PATH = Path("predictions.csv")
TARGET = "target"
RANDOM_STATE = 42
TEST_SIZE = 0.25
MODEL_PARAMS = {"C": 1.0, "max_iter": 5000}"""),
    # 3
    md("""## Steps"""),
    # 4
    code("""def load_data() -> pd.DataFrame:
    \"\"\"Return the bundled breast-cancer data as one frame with a target column.\"\"\"
    return load_breast_cancer(as_frame=True).frame"""),
    # 5
    code("""def clean(frame: pd.DataFrame) -> pd.DataFrame:
    \"\"\"Drop duplicate and incomplete rows; returns a new frame.\"\"\"
    return frame.drop_duplicates().dropna().reset_index(drop=True)"""),
    # 6
    code("""def add_features(frame: pd.DataFrame) -> pd.DataFrame:
    \"\"\"Add ratio features; the input frame is left unchanged.\"\"\"
    return frame.assign(
        area_to_perimeter=frame["mean area"] / frame["mean perimeter"],
        worst_to_mean_radius=frame["worst radius"] / frame["mean radius"],
    )"""),
    # 7
    code("""def train(X_train: pd.DataFrame, y_train: pd.Series) -> Pipeline:
    \"\"\"Fit the scaler and the classifier together, on the training split only.\"\"\"
    model = Pipeline([
        ("scale", StandardScaler()),
        ("clf", LogisticRegression(random_state=RANDOM_STATE, **MODEL_PARAMS)),
    ])
    return model.fit(X_train, y_train)"""),
    # 8
    code("""def evaluate(model: Pipeline, X_test: pd.DataFrame, y_test: pd.Series) -> dict:
    \"\"\"Accuracy, F1 and ROC AUC on the held-out split.\"\"\"
    proba = model.predict_proba(X_test)[:, 1]
    pred = (proba >= 0.5).astype(int)
    return {
        "accuracy": accuracy_score(y_test, pred),
        "f1": f1_score(y_test, pred),
        "roc_auc": roc_auc_score(y_test, proba),
    }"""),
    # 9
    code("""def save_predictions(model: Pipeline, X_test: pd.DataFrame, path: Path) -> pd.DataFrame:
    \"\"\"Write one row per test sample: its index, predicted class and probability.\"\"\"
    predictions = pd.DataFrame({
        "index": X_test.index,
        "prediction": model.predict(X_test),
        "probability": model.predict_proba(X_test)[:, 1].round(6),
    })
    predictions.to_csv(path, index=False)
    return predictions"""),
    # 10
    md("""## Run"""),
    # 11
    code("""data = add_features(clean(load_data()))
X = data.drop(columns=[TARGET])
y = data[TARGET]
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=TEST_SIZE, random_state=RANDOM_STATE, stratify=y
)
model = train(X_train, y_train)
metrics = evaluate(model, X_test, y_test)
for name, value in metrics.items():
    print(f"{name}: {value:.4f}")"""),
    # 12
    code("""predictions = save_predictions(model, X_test, OUTPUT_PATH)
print(f"wrote {len(predictions)} rows to {OUTPUT_PATH}")"""),
]

NOTEBOOKS = {
    "titanic_messy": (TITANIC, TITANIC_STORED_COUNTS),
    "model_serving": (SERVING, None),
    "tidy_pipeline": (TIDY, None),
}

KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
LANGUAGE_INFO = {
    "codemirror_mode": {"name": "ipython", "version": 3},
    "file_extension": ".py",
    "mimetype": "text/x-python",
    "name": "python",
    "nbconvert_exporter": "python",
    "pygments_lexer": "ipython3",
    "version": "3.11",
}


def cell_id(name, index):
    return hashlib.sha1(f"{name}:{index}".encode()).hexdigest()[:8]


def build(name, cells):
    nb = new_notebook()
    nb.nbformat, nb.nbformat_minor = 4, 5
    nb.metadata = {"kernelspec": dict(KERNELSPEC), "language_info": dict(LANGUAGE_INFO)}
    for index, (kind, src) in enumerate(cells):
        cell = new_markdown_cell(src) if kind == "markdown" else new_code_cell(src)
        cell.id = cell_id(name, index)
        nb.cells.append(cell)
    return nb


def execute(nb):
    from nbclient import NotebookClient

    client = NotebookClient(
        nb, timeout=600, kernel_name="python3", record_timing=False,
        resources={"metadata": {"path": SAMPLES}},
    )
    client.execute()
    # nbclient fills language_info from the kernel; keep the version short so
    # that rebuilding on another patch release gives the same file.
    info = nb.metadata.get("language_info", {})
    if "version" in info:
        info["version"] = ".".join(info["version"].split(".")[:2])
    return nb


def apply_counts(nb, counts):
    for index, count in counts.items():
        cell = nb.cells[index]
        assert cell.cell_type == "code", (index, cell.cell_type)
        cell.execution_count = count
        for output in cell.get("outputs", []):
            if output.get("output_type") == "execute_result":
                output["execution_count"] = count


def main(argv=None):
    ap = argparse.ArgumentParser(description="build the sample notebooks")
    ap.add_argument("names", nargs="*", help=f"subset of {', '.join(NOTEBOOKS)}")
    ap.add_argument("--no-execute", action="store_true", help="write the notebooks without outputs")
    ap.add_argument("--keep-artifacts", action="store_true", help="keep the files the notebooks write")
    args = ap.parse_args(argv)
    names = args.names or list(NOTEBOOKS)
    for name in names:
        if name not in NOTEBOOKS:
            ap.error(f"unknown notebook {name!r}")
        cells, counts = NOTEBOOKS[name]
        nb = build(name, cells)
        if not args.no_execute:
            execute(nb)
            if counts:
                apply_counts(nb, counts)
        nbformat.validate(nb)
        path = os.path.join(SAMPLES, f"{name}.ipynb")
        nbformat.write(nb, path)
        print(f"wrote {os.path.relpath(path, REPO_ROOT)}", file=sys.stderr)
    if not args.keep_artifacts:
        for artifact in ARTIFACTS:
            try:
                os.remove(os.path.join(SAMPLES, artifact))
            except FileNotFoundError:
                pass


if __name__ == "__main__":
    main()
