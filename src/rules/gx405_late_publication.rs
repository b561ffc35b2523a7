//! GX405 late-publication: 发布日期晚于法定期限.

use crate::document::{AgencyKind, Date};
use crate::rules::prelude::*;

declare_rule!("GX405", "late-publication", Warning, "发布日期晚于法定期限");

fn check(cx: &mut Checker) {
    let doc = cx.doc;
    let Some(n) = doc.year else { return };
    let (deadline, why) = if n < 2019 {
        (
            Date {
                year: n + 1,
                month: 3,
                day: 31,
            },
            "原条例规定每年3月31日前公布",
        )
    } else {
        match doc.agency {
            AgencyKind::Township => return,
            AgencyKind::Department => (
                Date {
                    year: n + 1,
                    month: 1,
                    day: 31,
                },
                "县级以上人民政府部门应于次年1月31日前公布",
            ),
            AgencyKind::Government => (
                Date {
                    year: n + 1,
                    month: 3,
                    day: 31,
                },
                "本级政府应于次年3月31日前公布",
            ),
            AgencyKind::Unknown => (
                Date {
                    year: n + 1,
                    month: 3,
                    day: 31,
                },
                "未能判断发布机关类型，按较宽的次年3月31日计",
            ),
        }
    };
    // The earliest date after the report year ends; earlier dates are not the publication.
    let year_end = Date {
        year: n,
        month: 12,
        day: 31,
    };
    let Some(first) = doc
        .publication_dates
        .iter()
        .filter(|d| d.date > year_end)
        .min_by_key(|d| d.date)
    else {
        return;
    };
    if first.date > deadline {
        cx.report(
            first.span.clone(),
            format!("发布日期 {} 晚于法定期限 {deadline}（{why}）", first.date),
        );
    }
}
