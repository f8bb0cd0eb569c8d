//! The differences between two definition sets, key by key, for the history view.

use std::collections::BTreeMap;

use super::model::Definitions;

/// One changed key: its value before and after (`None` where it did not exist).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Change {
    pub key: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Every key whose value differs between `a` and `b`, in key order.
pub fn diff(a: &Definitions, b: &Definitions) -> Vec<Change> {
    let (a, b) = (flatten(a), flatten(b));
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .map(|k| Change {
            key: k.clone(),
            before: a.get(k).cloned(),
            after: b.get(k).cloned(),
        })
        .collect()
}

fn flatten(d: &Definitions) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    if let Ok(value) = serde_json::to_value(d) {
        walk(&value, String::new(), &mut out);
    }
    out
}

fn walk(v: &serde_json::Value, key: String, out: &mut BTreeMap<String, String>) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                let key = if key.is_empty() {
                    k.clone()
                } else {
                    format!("{key}.{k}")
                };
                walk(v, key, out);
            }
        }
        serde_json::Value::Array(items) if items.iter().any(|i| i.is_object()) => {
            for (i, v) in items.iter().enumerate() {
                walk(v, format!("{key}[{i}]"), out);
            }
        }
        other => {
            out.insert(key, other.to_string());
        }
    }
}
