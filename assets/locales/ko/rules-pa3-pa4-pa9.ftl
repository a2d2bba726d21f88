# pyarch가 쓰는 한국어 문장(Project Fluent). 영역마다 파일 하나이고, ../en/의 같은
# 이름 파일과 같은 id, 같은 인자를 씁니다(tests/it/i18n.rs가 확인합니다). 이름, 코드,
# 경로는 인자로 들어와 그대로 보입니다. 용어는 『파이썬으로 살펴보는 아키텍처 패턴』
# 한국어판을 따릅니다.

## PA3xx, PA4xx, PA9xx 규칙

## PA301 hard-coded-path

pa301-kaggle-path = 캐글 경로입니다. 캐글 커널 안에서만 존재합니다
pa301-colab-path = 코랩 경로입니다. 구글 코랩에서만 존재합니다
pa301-windows-path = 윈도우 경로입니다. 작성자의 컴퓨터에만 존재합니다
pa301-home-path = 홈 디렉터리 경로입니다. 사용자의 컴퓨터에 따라 달라집니다
pa301-absolute-path = 절대 경로입니다. 작성자의 컴퓨터에만 존재합니다
pa301-relative-path = 불러오기/저장 호출에 직접 쓴 상대 경로입니다
pa301-url = URL입니다
pa301-kaggle-paths = 캐글 경로입니다. 캐글 커널 안에서만 존재합니다
pa301-colab-paths = 코랩 경로입니다. 구글 코랩에서만 존재합니다
pa301-windows-paths = 윈도우 경로입니다. 작성자의 컴퓨터에만 존재합니다
pa301-home-paths = 홈 디렉터리 경로입니다. 사용자의 컴퓨터에 따라 달라집니다
pa301-absolute-paths = 절대 경로입니다. 작성자의 컴퓨터에만 존재합니다
pa301-relative-paths = 불러오기/저장 호출에 직접 쓴 상대 경로입니다
pa301-urls = URL입니다
pa301-hard-coded-path = 코드에 직접 쓴 경로 `{ $path }`{ $callee ->
    [none] {""}
   *[other] (`{ $callee }`에 전달)
}: { $kind }
pa301-hard-coded-paths = 코드에 직접 쓴 경로 { $paths }: { $kind }
pa301-fix-folder = `{ $path }`을(를) 바꿀 수 있는 설정으로 config.py에 옮기고(`DATA_DIR = Path(os.environ.get("DATA_DIR", "data"))`), adapters/의 저장소가 그것으로 파일 경로를 만들게 하세요.
pa301-fix-file = config.py에서 파일에 이름을 붙이고(`{ $name } = DATA_DIR / "{ $path }"`) adapters/의 저장소를 통해 읽고 쓰세요.
pa301-fix-folder-paths = 폴더를 바꿀 수 있는 설정으로 config.py에 옮기고(`DATA_DIR = Path(os.environ.get("DATA_DIR", "data"))`), adapters/의 저장소가 그것으로 이 파일 경로들을 만들게 하세요.
pa301-fix-files = config.py에서 파일들에 이름을 붙이고(`TRAIN_CSV = DATA_DIR / "train.csv"`) adapters/의 저장소를 통해 읽고 쓰세요.

## PA302 pip-install-in-notebook

pa302-packages = 패키지
pa302-names = { $names }
pa302-system-install = 노트북이 `{ $installer }`로 시스템 { $what }을(를) 설치합니다
pa302-system-install-fix = 시스템 패키지는 셀에서 설치하지 말고 README나 Dockerfile에 적어 두세요.
pa302-install = 노트북이 `{ $installer } install`로 { $what }을(를) 설치합니다{ $pinned ->
    [no] (버전 고정 없이)
   *[yes] {""}
}. 의존성이 셀 안에 숨어 있습니다
pa302-fix = 의존성을 pyproject.toml(`[project] dependencies = [...]`)에 선언하고 실행 전에 한 번 설치하세요. 이 줄은 지우세요.
pa302-fix-packages = pyproject.toml에 선언하고(`[project] dependencies = [{ $packages }]`, 버전과 함께) 실행 전에 한 번 설치하세요. 이 줄은 지우세요.

## PA303 inline-hyperparameters

pa303-positional = 위치 인자 리터럴 { $count }개
pa303-inline = `{ $name }`의 하이퍼파라미터가 코드에 직접 적혀 있습니다: { $values }
pa303-fix-positional = 값에 config.py에서 이름을 붙이고 키워드로 넘기세요: `{ $name }(**config.{ $constant })`.
pa303-fix = config.py로 옮기고(`{ $constant } = {"{"}{ $dict }{"}"}`) `{ $name }(**config.{ $constant })`로 호출하세요. 그러면 실험할 때 코드가 아니라 설정을 바꿉니다.

## PA4xx: 누수의 경로

pa4-place = 셀 { $cell }, { $lines } (`{ $code }`)
pa4-split-function = 분할
pa4-split-cross-validation = 교차 검증
pa4-split-folds = 폴드로 분할
pa4-split-positional = 위치로 잘라 학습 행과 검증 행으로 분할
pa4-split-sample = 표본 추출로 학습 행과 검증 행으로 분할
pa4-split-mask = 마스크로 학습 행과 검증 행으로 분할
pa4-fit-eval = { $fit ->
    [none] {""}
   *[other] . 모델은 { $fit }에서 학습 쪽으로 학습하고
}{ $eval ->
    [none] {""}
   *[other] { $fit ->
        [none] . 모델은
       *[other] {""}
    } { $eval }에서 검증 쪽으로 평가합니다
}
pa4-related-fit = 학습 쪽으로 모델 학습
pa4-related-eval = 검증 쪽으로 모델 평가

## PA401 preprocessing-leakage

pa401-leak = `{ $code }`이(가) 검증 행까지 포함한 행으로 { $how ->
    [fit] 학습합니다
   *[statistic] 통계를 계산합니다
}{ $also ->
    [0] {""}
   *[other] (이 셀에 { $also }개 더)
}. 그 행들은 { $place }에서 { $split }됩니다{ $rest }
pa401-related-fit = 모든 행으로 학습
pa401-related-statistic = 모든 행에 대한 통계
pa401-fix-pipeline = 이 단계를 모델과 함께 `Pipeline`에 넣고(`make_pipeline(…, model)`) 파이프라인을 교차 검증하세요. 그러면 각 폴드가 자기 학습 부분으로만 `{ $code }`을(를) 학습합니다.
pa401-fix-training-rows = `{ $code }`은(는) 학습 행으로만 계산하고(합치기 전에, 또는 학습 조각에서) 그 결과를 양쪽에 적용하세요. 합친 프레임은 아무것도 학습하지 않는 단계(이름 바꾸기, 타입 고치기)에만 쓰세요.
pa401-fix-fit = 먼저 분할하고 학습 데이터로만 학습하세요(`fit(X_train)` 다음 `transform(X_train)`과 `transform(X_test)`). 아니면 모든 행에 `{ $code }`을(를) 하는 대신 그 단계를 모델과 함께 `Pipeline`에 넣으세요.
pa401-fix-statistic = 먼저 분할하고, `{ $code }`은(는) 학습 데이터로 계산해서 그 값으로 양쪽을 채우거나 스케일하세요(또는 학습 데이터로 학습한 `Pipeline` 안의 `SimpleImputer`/`StandardScaler`를 쓰세요).

## PA402 evaluate-on-training-data

pa402-fit-rows = `{ $code }`은(는) 모델을 학습에 쓴 행으로 평가합니다: { $split }이(가) 이 "검증" 행을 { $fit }의 학습 행에서 떼어 냈으므로, 점수는 암기를 잴 뿐입니다
pa402-fit-rows-fix = 먼저 분할하고 모델은 학습 쪽으로만 학습하세요(`model.fit(X_train, y_train)`). 모든 행으로 다시 학습하는 것은 마지막 평가가 끝난 뒤에만 하세요.
pa402-related-fit = 모델 학습
pa402-related-split = 학습한 행에서 떼어 낸 검증 행
pa402-training-score = `{ $code }`{ $model ->
    [none] {""}
   *[other] 은(는) `{ $model }`을(를)
} 학습 데이터({ $data })로 평가합니다. 그래서 일반화가 아니라 암기를 잽니다
pa402-training-score-fix = 모델은 검증 데이터(`X_test`/`y_test`)로 평가하거나 학습 데이터로 교차 검증하세요(`cross_val_score`). 학습 점수는 검증 점수 옆에만 보고하세요.

## PA404 overlap-leakage

pa404-overlap = `{ $code }`이(가) { $place }에서 { $split }되기 전에 행을 { $made ->
    [duplicates] 복제합니다
   *[resamples] 리샘플링합니다
}. 같은 행의 복사본이 양쪽에 모두 들어갈 수 있습니다{ $rest }
pa404-fix = 먼저 분할하고 학습 데이터만 리샘플링하세요(`X_train_res, y_train_res = SMOTE().fit_resample(X_train, y_train)`). 검증 행은 절대 리샘플링하지 마세요. 교차 검증에서는 imblearn의 `Pipeline`(`make_pipeline(SMOTE(), model)`)을 써서 각 폴드가 자기 학습 부분만 리샘플링하게 하세요.
pa404-related = 리샘플링하거나 복제한 행

## PA405 multi-test-leakage

pa405-multi-test = `{ $code }`이(가) 모델을 학습하는 반복문 안에서{ $fit ->
    [none] {""}
   *[other] ({ $fit }에서 모델 학습)
} { $place }의 검증 행으로 점수를 냅니다. 테스트 데이터로 고르는 셈이어서 가장 좋은 점수는 낙관적입니다
pa405-fix = 검증 데이터나 학습 행의 교차 검증으로 고르고(`GridSearchCV(model, grid, cv=5).fit(X_train, y_train)`), 고른 모델은 손대지 않은 테스트 데이터로 한 번만 평가하세요.
pa405-related = 고르는 데 쓴 테스트 점수

## PA406 preprocessing-refit-on-test

pa406-refit = `{ $code }`이(가) 학습 쪽의 학습 결과를 다시 쓰지 않고 { $place }의 검증 행으로 학습합니다
pa406-fix = 학습 데이터로 학습하고 검증 데이터에는 적용만 하세요: `fit_transform(X_test)` 대신 `scaler.transform(X_test)`. 검증 데이터의 빈 값은 학습 데이터의 통계로 채우세요.
pa406-related = 검증 행으로 학습

## PA403 unseeded-randomness

pa403-seeded-globally = `{ $code }`은(는) 무작위인데 `{ $keyword }`가 없습니다. `np.random.seed`(셀 { $cell }, { $line })가 먼저 실행되기 때문에만 실행할 때마다 같은 결과가 나오고, 셀을 다시 실행하거나 순서를 바꾸면 달라집니다
pa403-unseeded = `{ $code }`은(는) 무작위인데 `{ $keyword }`가 없어서 실행할 때마다 결과가 달라집니다
pa403-fix = config.py에 한 번 정의한 `SEED`로 `{ $keyword }=SEED`를 넘기세요. 그러면 분할, 모델, 점수를 재현할 수 있습니다.
pa403-unseeded-rows = `{ $code }(…)`은(는) 무작위인데 `{ $keyword }`가 없어서 실행할 때마다 다른 행이 나옵니다
pa403-fix-rows = config.py에 한 번 정의한 `SEED`로 `{ $keyword }=SEED`를 넘기세요. 그러면 분할과 점수를 재현할 수 있습니다.
pa403-framework = `{ $code }(…)`은(는) { $framework }의 난수 생성기(초기 가중치, 드롭아웃, 섞기)를 쓰는데 노트북이 시드를 정하지 않습니다({ $seeds }). 그래서 실행할 때마다 다른 모델을 학습합니다
pa403-framework-fix = config.py에 정의한 `SEED`로, 모델을 만들기 전에 `{ $seed }`를 한 번 호출하세요. `np.random.seed`와 `random_state`는 { $framework }에 닿지 않습니다.

## PA407 label-in-features

pa407-label-column = `{ $code }`이(가) 받는 특성에 레이블 열 `'{ $label }'`이(가) 아직 남아 있습니다(레이블은 셀 { $cell }, { $lines }에서 가져옵니다). 모델에 정답을 주는 셈입니다
pa407-derived-column = `{ $code }`이(가) 받는 특성에 `'{ $column }'`이(가) 있는데, 이 열은 레이블 `'{ $label }'`이나 레이블이 나온 열로 계산했습니다(셀 { $cell }, { $lines }에서 가져옴). 모델에 정답을 주는 셈입니다
pa407-fix = 분할하거나 학습하기 전에 특성에서 `'{ $column }'`을(를) 빼세요(`df.drop(columns=[…])`). 타깃 인코딩은 학습 단계 안에서 학습 행으로만 계산하세요.
pa407-related-label = 레이블을 가져옴
pa407-related-derived = 레이블로 계산한 열

## PA408 stale-results

pa408-refitted = `{ $model }`이(가) 셀 { $cell }에서 다시 만들어지고 다시 학습된 뒤 아직 예측하지 않았습니다
pa408-other-model = 이 부분은 `{ $other }`(셀 { $cell })을(를) 학습하는데, 이 지표 전에 한 번도 예측하지 않습니다
pa408-stale = `{ $code }(…)`은(는) 셀 { $cell }에서 `{ $model }`이(가) 예측한 `{ $predictions }`을(를) 평가하지만, { $why }. 결과는 다른 모델에서 나온 낡은 값입니다
pa408-fix-refitted = 평가하기 전에 다시 학습한 `{ $model }`로 다시 예측하거나(`{ $predictions } = { $model }.predict(…)`), 모델마다 이름을 따로 붙이세요. `evaluate_model(model, data)` 서비스가 예측과 평가를 한 번에 합니다.
pa408-fix-other = `{ $other }`로 예측해서 그것을 평가하고(`{ $predictions }_{ $other } = { $other }.predict(…)`), 모델마다 예측에 이름을 따로 붙이세요. `evaluate_model(model, data)` 서비스가 예측과 평가를 한 번에 합니다.

## PA902–PA904: 파서가 읽지 못한 셀

pa9-cell-error = { $detail }: { $error }
pa902-python2 = 셀이 파싱되지 않습니다(파이썬 2 문법)
pa902-python2-fix = 파이썬 2 문법입니다. 셀을 파이썬 3로 옮기세요(`print(x)`). 예를 들어 `2to3`를 쓸 수 있습니다.
pa902-invalid = 셀이 파싱되지 않습니다
pa902-fix = 문법 오류를 고치세요. 노트북의 나머지는 이 셀 없이 분석했습니다.
pa903-unsupported = 셀이 파서가 아직 지원하지 않는 문법을 씁니다
pa903-fix = 아마도 pyarch의 파서가 아직 지원하지 않는 올바른 파이썬입니다(예: PEP 701 f-문자열). 이 셀은 건너뛰었습니다.
pa904-too-deep = 셀이 너무 깊게 중첩되어 분석할 수 없습니다
pa904-fix = 식을 이름 있는 중간 값들로 나누세요.
