//! Speed of each stage, on the largest corpus notebooks and a synthetic
//! 2,000-cell notebook: `cargo bench --bench pipeline`.

use criterion::{criterion_group, criterion_main, Criterion};
use pyarch::analysis::Analysis;
use pyarch::classifier;
use pyarch::model::NotebookModel;
use pyarch::notebook::read::parse_ipynb;
use pyarch::plan::{plan, render, PlanOptions};
use pyarch::rules::{self, Selection};
use std::hint::black_box;
use std::path::Path;

fn corpus(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/notebooks")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A notebook of `n` code cells that load, clean, train and plot, with markdown between.
pub fn synthetic(n: usize) -> Vec<u8> {
    let sources = [
        "import pandas as pd\nimport numpy as np\n",
        "df = pd.read_csv('data/train.csv')\ndf.head()\n",
        "df['Age'] = df['Age'].fillna(df['Age'].median())\ndf = df.dropna()\n",
        "from sklearn.ensemble import RandomForestClassifier\nmodel = RandomForestClassifier(n_estimators=100)\nmodel.fit(df[['Age']], df['Survived'])\n",
        "%matplotlib inline\nimport matplotlib.pyplot as plt\nplt.plot(df['Age'])\nplt.show()\n",
    ];
    let cells: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            if i % 6 == 5 {
                serde_json::json!({"cell_type": "markdown", "metadata": {}, "source": format!("## Step {i}")})
            } else {
                serde_json::json!({"cell_type": "code", "metadata": {}, "execution_count": i + 1, "outputs": [],
                    "source": format!("{}x{i} = {i}\n", sources[i % sources.len()])})
            }
        })
        .collect();
    serde_json::to_vec(
        &serde_json::json!({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": cells}),
    )
    .expect("serialisable")
}

fn stages(c: &mut Criterion, label: &str, bytes: &[u8]) {
    let notebook = parse_ipynb(bytes).expect("parses");
    let model = NotebookModel::build(&notebook);
    let roles = classifier::classify(&model);
    let analysis = Analysis::run(notebook.clone(), &Selection::default());
    let options = PlanOptions::default();
    let the_plan = plan(&analysis, &options);
    let mut group = c.benchmark_group(label);
    group.sample_size(20);
    group.bench_function("read", |b| b.iter(|| parse_ipynb(black_box(bytes))));
    group.bench_function("parse+model", |b| {
        b.iter(|| NotebookModel::build(black_box(&notebook)))
    });
    group.bench_function("roles", |b| {
        b.iter(|| classifier::classify(black_box(&model)))
    });
    group.bench_function("rules", |b| {
        b.iter(|| rules::check_all(&notebook, &model, &roles, &Selection::default()))
    });
    group.bench_function("plan", |b| b.iter(|| plan(black_box(&analysis), &options)));
    group.bench_function("render", |b| {
        b.iter(|| render(black_box(&the_plan), &analysis))
    });
    group.bench_function("all", |b| {
        b.iter(|| {
            let a = Analysis::run(parse_ipynb(bytes).expect("parses"), &Selection::default());
            render(&plan(&a, &options), &a)
        })
    });
    group.finish();
}

fn benches(c: &mut Criterion) {
    stages(
        c,
        "largest_corpus",
        &corpus("pascalbartschi__DataScience-Portfolio__arima_airpassengers.ipynb"),
    );
    stages(
        c,
        "most_code_cells",
        &corpus("adgirish__kaggleScape__script1257_diabetes_pipeline.ipynb"),
    );
    stages(c, "synthetic_2000", &synthetic(2000));
}

criterion_group!(pipeline, benches);
criterion_main!(pipeline);
