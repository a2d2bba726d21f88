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
