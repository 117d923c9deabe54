//! The read-only API's additions for the page's views: every stage of a
//! prediction, the model's run and accuracy, all the weights in one reply,
//! and the mistakes paged, filtered and counted in the confusion matrix.

use reqwest::StatusCode;
use serde_json::Value;

use super::{TestServer, json_of, pixels};

fn floats(value: &Value) -> Vec<f64> {
    serde_json::from_value(value.clone()).unwrap_or_default()
}

#[test]
fn predict_gives_every_stage_and_the_contributions_to_the_answer() -> anyhow::Result<()> {
    let server = TestServer::start(true)?;
    let (_, image) = json_of(server.get("/api/test-image/1")?)?;
    let (status, y) = json_of(server.post("/api/predict", pixels(image["pixels"].clone()))?)?;
    assert_eq!(status, StatusCode::OK, "{y}");
    let (scores, probabilities) = (floats(&y["scores"]), floats(&y["probabilities"]));
    let (hidden, contributions) = (floats(&y["hidden"]), floats(&y["contributions"]));
    assert_eq!(
        (scores.len(), hidden.len(), contributions.len()),
        (10, 50, 50)
    );
    // softmax: y_k = exp(a_k) / sum exp(a_i).
    let total: f64 = scores.iter().map(|a| a.exp()).sum();
    for (a, p) in scores.iter().zip(&probabilities) {
        assert!((a.exp() / total - p).abs() < 1e-5, "{a} {p}");
    }
    let k = y["predicted"].as_u64().unwrap_or(99) as usize;
    let best = scores.iter().copied().fold(f64::MIN, f64::max);
    assert_eq!(scores[k], best);
    // c_j = z1_j W2[j, k], summing to a2_k - b2_k.
    let net = &server.state.served().expect("a model").net;
    for j in [0, 17, 49] {
        let expected = hidden[j] * f64::from(net.params.w2[(j, k)]);
        assert!((contributions[j] - expected).abs() < 1e-6, "unit {j}");
    }
    let pushed: f64 = contributions.iter().sum();
    assert!((pushed + f64::from(net.params.b2[k]) - scores[k]).abs() < 1e-4);
    Ok(())
}

#[test]
fn the_model_names_its_run_and_its_accuracy() -> anyhow::Result<()> {
    let server = TestServer::start(true)?;
    let (status, model) = json_of(server.get("/api/model")?)?;
    assert_eq!(status, StatusCode::OK, "{model}");
    let run = server.runs().file_name().and_then(|n| n.to_str());
    assert_eq!(model["run"].as_str(), run, "the model file's directory");
    let net = &server.state.served().expect("a model").net;
    let accuracy = twolayer::fast::evaluate(net, &server.state.test());
    assert_eq!(model["test_accuracy"].as_f64(), Some(accuracy));
    assert_eq!(model["hidden_max"].as_f64(), Some(1.0), "sigmoid");
    Ok(())
}

#[test]
fn all_weights_come_in_one_reply_on_one_scale() -> anyhow::Result<()> {
    let server = TestServer::start(true)?;
    let (status, weights) = json_of(server.get("/api/weights")?)?;
    assert_eq!(status, StatusCode::OK);
    let w1: Vec<Vec<f64>> = serde_json::from_value(weights["w1"].clone())?;
    let w2: Vec<Vec<f64>> = serde_json::from_value(weights["w2"].clone())?;
    assert_eq!(
        (w1.len(), w1[0].len(), w2.len(), w2[0].len()),
        (50, 784, 50, 10)
    );
    let net = &server.state.served().expect("a model").net;
    // serde_json reads a float back to within an ulp of f64, not exactly.
    let close = |a: f64, b: f64| (a - b).abs() < 1e-12;
    assert!(close(w1[3][100], f64::from(net.params.w1[(100, 3)])));
    assert!(close(w2[3][7], f64::from(net.params.w2[(3, 7)])));
    let largest = w1.iter().flatten().fold(0.0_f64, |m, w| m.max(w.abs()));
    assert!(close(weights["w1_scale"].as_f64().unwrap_or(0.0), largest));
    let (_, paged) = json_of(server.get("/api/weights?from=48")?)?;
    assert_eq!(paged["w1"].as_array().map(Vec::len), Some(2));
    assert_eq!(
        paged["w1_scale"], weights["w1_scale"],
        "one scale for all pages"
    );
    for (path, field) in [
        ("/api/weights?from=50", "`from`"),
        ("/api/weights?unit=1", "`unit`"),
    ] {
        let (status, reply) = json_of(server.get(path)?)?;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}");
        assert!(
            reply["error"].as_str().is_some_and(|m| m.contains(field)),
            "{reply}"
        );
    }
    Ok(())
}

#[test]
fn mistakes_are_paged_filtered_and_counted_in_the_confusion_matrix() -> anyhow::Result<()> {
    let server = TestServer::start(true)?;
    let (status, all) = json_of(server.get("/api/misclassified")?)?;
    assert_eq!(status, StatusCode::OK, "{all:.300}");
    let confusion: Vec<Vec<u64>> = serde_json::from_value(all["confusion"].clone())?;
    assert_eq!(
        confusion.iter().flatten().sum::<u64>(),
        100,
        "every test image"
    );
    let off_diagonal: u64 = (0..10)
        .flat_map(|t| (0..10).map(move |p| (t, p)))
        .filter(|(t, p)| t != p)
        .map(|(t, p)| confusion[t][p])
        .sum();
    assert_eq!(all["wrong"].as_u64(), Some(off_diagonal));
    assert_eq!(all["matching"], all["wrong"]);
    let wrong = off_diagonal as usize;
    let pages = wrong.div_ceil(48).max(1);
    assert_eq!(all["pages"].as_u64(), Some(pages as u64));
    assert_eq!(all["images"].as_array().map(Vec::len), Some(wrong.min(48)));

    // The fullest cell, as a filter.
    let (t, p) = (0..10)
        .flat_map(|t| (0..10).map(move |p| (t, p)))
        .filter(|(t, p)| t != p)
        .max_by_key(|&(t, p)| confusion[t][p])
        .unwrap_or((0, 1));
    let (_, cell) = json_of(server.get(&format!("/api/misclassified?true={t}&predicted={p}"))?)?;
    assert_eq!(cell["matching"].as_u64(), Some(confusion[t][p]));
    for image in cell["images"].as_array().into_iter().flatten() {
        assert_eq!(
            (image["label"].as_u64(), image["predicted"].as_u64()),
            (Some(t as u64), Some(p as u64))
        );
        let probability = image["probability"].as_f64().unwrap_or(-1.0);
        assert!((0.0..=1.0).contains(&probability), "{probability}");
    }
    let (_, by_label) = json_of(server.get(&format!("/api/misclassified?true={t}"))?)?;
    let row: u64 = (0..10).filter(|&q| q != t).map(|q| confusion[t][q]).sum();
    assert_eq!(by_label["matching"].as_u64(), Some(row));

    if pages > 1 {
        let (_, last) = json_of(server.get(&format!("/api/misclassified?page={}", pages - 1))?)?;
        let on_last = wrong - 48 * (pages - 1);
        assert_eq!(last["images"].as_array().map(Vec::len), Some(on_last));
    }
    for (path, field) in [
        (format!("/api/misclassified?page={pages}"), "`page`"),
        ("/api/misclassified?true=10".to_owned(), "`true`"),
        ("/api/misclassified?predicted=x".to_owned(), "`predicted`"),
        ("/api/misclassified?label=1".to_owned(), "`label`"),
    ] {
        let (status, reply) = json_of(server.get(&path)?)?;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}");
        assert!(
            reply["error"].as_str().is_some_and(|m| m.contains(field)),
            "{path}: {reply}"
        );
    }
    Ok(())
}
