//! GX107 legacy-structure: 2019 年以后的报告含有旧版结构痕迹.

use crate::rules::prelude::*;

declare_rule!(
    "GX107",
    "legacy-structure",
    Warning,
    "2019 年以后的报告含有旧版结构痕迹"
);

fn check(_cx: &mut Checker) {}
