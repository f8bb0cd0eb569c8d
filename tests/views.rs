//! UI tests (see the app).
