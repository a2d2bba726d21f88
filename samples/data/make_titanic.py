#!/usr/bin/env python3
"""Generate a synthetic, Titanic-like data set for the pyarch sample notebooks.

The real Kaggle Titanic data cannot be downloaded here, so this script makes a
look-alike with the same columns and the same kind of mess (missing Age, a few
missing Embarked, Cabin mostly missing, one missing Fare in the test file).

Only the standard library is used and the generator is seeded, so running

    python3 samples/data/make_titanic.py

always rewrites byte-identical files next to this script:

    titanic_train.csv  PassengerId,Survived,Pclass,Name,Sex,Age,SibSp,Parch,Fare,Cabin,Embarked
    titanic_test.csv   the same without Survived
"""
import csv
import math
import os
import random

SEED = 20240501
N_TRAIN = 712
N_TEST = 179

HERE = os.path.dirname(os.path.abspath(__file__))

SURNAMES = [
    "Andersson", "Brown", "Carter", "Davies", "Elias", "Fortune", "Goodwin",
    "Hansen", "Ivanoff", "Johnson", "Kelly", "Lefebre", "Moran", "Nilsson",
    "O'Brien", "Palsson", "Quick", "Rice", "Sage", "Skoog", "Taylor", "Usher",
    "Vander Planke", "Williams", "Yousseff", "Zabour", "Allison", "Baxter",
    "Chaffee", "Dean", "Everett", "Fleming", "Graham", "Harper", "Isham",
    "Jensen", "Keane", "Lindqvist", "McCarthy", "Newell", "Olsen", "Peters",
    "Rosblom", "Smith", "Thomas", "Uruchurtu", "Vovk", "White", "Young",
]
MALE_FIRST = [
    "Owen", "William", "James", "John", "Charles", "George", "Thomas",
    "Henry", "Edward", "Arthur", "Frederick", "Albert", "Ernst", "Karl",
    "Johan", "Patrick", "Michael", "Hans", "Leo", "Samuel",
]
FEMALE_FIRST = [
    "Florence", "Laina", "Lily", "Elizabeth", "Mary", "Anna", "Margaret",
    "Helen", "Alice", "Ellen", "Marie", "Bertha", "Emily", "Kate", "Agnes",
    "Hilda", "Ida", "Sofia", "Grace", "Edith",
]
RARE_MALE_TITLES = ["Dr", "Rev", "Col", "Major", "Capt", "Don", "Sir"]
RARE_FEMALE_TITLES = ["Mlle", "Ms", "Mme", "Lady", "the Countess"]


def pick_title(rng, sex, age):
    if sex == "male":
        if age < 13:
            return "Master"
        return rng.choice(RARE_MALE_TITLES) if rng.random() < 0.04 else "Mr"
    if rng.random() < 0.03:
        return rng.choice(RARE_FEMALE_TITLES)
    if age < 18:
        return "Miss"
    married_p = 0.25 if age < 24 else 0.75
    return "Mrs" if rng.random() < married_p else "Miss"


def make_name(rng, sex, title):
    surname = rng.choice(SURNAMES)
    if sex == "male":
        first = rng.choice(MALE_FIRST)
        if rng.random() < 0.4:
            first += " " + rng.choice(MALE_FIRST)
        return f"{surname}, {title}. {first}"
    first = rng.choice(FEMALE_FIRST)
    if title == "Mrs" and rng.random() < 0.6:
        husband = rng.choice(MALE_FIRST)
        maiden = rng.choice(SURNAMES)
        return f"{surname}, Mrs. {husband} ({first} {maiden})"
    return f"{surname}, {title}. {first}"


def make_age(rng, sex):
    r = rng.random()
    if r < 0.08:  # young children
        age = rng.choice([0.42, 0.67, 0.75, 0.83, 0.92]) if rng.random() < 0.2 else rng.randint(1, 12)
    elif r < 0.15:
        age = rng.randint(13, 17)
    else:
        age = max(18.0, min(74.0, rng.gauss(31 if sex == "male" else 28, 11)))
        age = round(age * 2) / 2  # some .5 ages, as in the real data
    return age


def make_fare(rng, pclass, family):
    base = {1: 60.0, 2: 15.0, 3: 8.0}[pclass]
    spread = {1: 0.6, 2: 0.35, 3: 0.3}[pclass]
    fare = base * math.exp(rng.gauss(0, spread)) * (1 + 0.5 * family)
    if rng.random() < 0.01:
        fare = 0.0
    return round(fare, 4)


def make_cabin(rng, pclass):
    p = {1: 0.75, 2: 0.12, 3: 0.04}[pclass]
    if rng.random() >= p:
        return ""
    deck = {1: "ABCDE", 2: "DEF", 3: "EFG"}[pclass]
    cabin = f"{rng.choice(deck)}{rng.randint(2, 128)}"
    if pclass == 1 and rng.random() < 0.15:
        cabin += f" {cabin[0]}{rng.randint(2, 128)}"
    return cabin


def survival_probability(sex, pclass, age, family):
    logit = -1.4 + (2.6 if sex == "female" else 0.0) - 0.85 * (pclass - 1) + 0.9
    if age < 10:
        logit += 1.3
    elif age > 60:
        logit -= 0.6
    if family >= 4:
        logit -= 1.6
    elif 1 <= family <= 3:
        logit += 0.3
    return 1.0 / (1.0 + math.exp(-logit))


def fmt_age(age):
    if age == int(age):
        return str(int(age))
    return str(age)


def fmt_fare(fare):
    return f"{fare:.4f}".rstrip("0").rstrip(".") if fare else "0"


def make_rows(rng, n, first_id):
    rows = []
    for i in range(n):
        pclass = rng.choices([1, 2, 3], weights=[24, 21, 55])[0]
        sex = "male" if rng.random() < 0.645 else "female"
        age = make_age(rng, sex)
        title = pick_title(rng, sex, age)
        if age < 13 and rng.random() < 0.7:
            sibsp, parch = rng.choice([0, 1, 1, 2, 3, 4]), rng.choice([1, 2, 2])
        else:
            sibsp = rng.choices([0, 1, 2, 3], weights=[68, 24, 5, 3])[0]
            parch = rng.choices([0, 1, 2, 3], weights=[76, 13, 9, 2])[0]
        family = sibsp + parch
        fare = make_fare(rng, pclass, family)
        cabin = make_cabin(rng, pclass)
        embarked = rng.choices(["S", "C", "Q"], weights=[72, 19, 9])[0]
        survived = 1 if rng.random() < survival_probability(sex, pclass, age, family) else 0
        age_missing = rng.random() < (0.15 if pclass == 1 else 0.21)
        rows.append({
            "PassengerId": first_id + i,
            "Survived": survived,
            "Pclass": pclass,
            "Name": make_name(rng, sex, title),
            "Sex": sex,
            "Age": "" if age_missing else fmt_age(age),
            "SibSp": sibsp,
            "Parch": parch,
            "Fare": fmt_fare(fare),
            "Cabin": cabin,
            "Embarked": embarked,
        })
    return rows


def write_csv(path, rows, columns):
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main():
    rng = random.Random(SEED)
    train = make_rows(rng, N_TRAIN, 1)
    test = make_rows(rng, N_TEST, N_TRAIN + 1)
    # A few missing values in the places the real data has them.
    for idx in rng.sample(range(N_TRAIN), 2):
        train[idx]["Embarked"] = ""
    test[rng.randrange(N_TEST)]["Fare"] = ""
    columns = ["PassengerId", "Survived", "Pclass", "Name", "Sex", "Age",
               "SibSp", "Parch", "Fare", "Cabin", "Embarked"]
    write_csv(os.path.join(HERE, "titanic_train.csv"), train, columns)
    write_csv(os.path.join(HERE, "titanic_test.csv"), test,
              [c for c in columns if c != "Survived"])
    print(f"wrote {len(train)} train rows and {len(test)} test rows to {HERE}")


if __name__ == "__main__":
    main()
