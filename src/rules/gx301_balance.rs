//! GX301 balance: 表三：第一项加第二项应等于第三项（七）总计加第四项.

use crate::rules::prelude::*;

declare_rule!(
    "GX301",
    "balance",
    Error,
    "表三：第一项加第二项应等于第三项（七）总计加第四项"
);

fn check(_cx: &mut Checker) {}
