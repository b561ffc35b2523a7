//! A generated batch of reports for `gxlint review`: many agencies, three consecutive years each,
//! in the four table forms, built like the clean drafts of `tests/fixtures/clean/` (the same
//! sections, opening, prose that agrees with the tables, contact lines and a closing date) with
//! the canonical tables of `gxlint::canonical` filled with figures that satisfy every identity
//! and carry over from one year to the next. Then defects are planted in some reports (one kind
//! each, with the rule that must find it), and carry-over breaks in others (internally
//! consistent, so only the cross-year rule can find them).
//!
//! Included with `#[path]` by tests and by the review benchmark.
#![allow(dead_code)]

use gxlint::canonical::{Fill, render_table};
use gxlint::document::{Format, TableForm, TableKind};

/// A tiny deterministic generator (xorshift64*), so the batch is the same on every run.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// 0..n (n > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
}

const PLACES: &[&str] = &[
    "安平", "宝丰", "昌乐", "德化", "恩施", "凤台", "高唐", "海宁", "建德", "莱阳", "临澧", "茂名",
    "南陵", "平江", "青田", "瑞安", "上饶", "泰和", "武宁", "仙居", "永修", "枣阳", "𠮷安", "遂川",
];
const LEVELS: &[&str] = &["县", "市", "区"];
const DEPARTMENTS: &[&str] = &[
    "交通运输局",
    "农业农村局",
    "自然资源局",
    "人力资源和社会保障局",
    "市场监督管理局",
    "卫生健康委员会",
    "教育局",
    "住房和城乡建设局",
    "生态环境局",
    "民政局",
    "水利局",
    "应急管理局",
    "司法局",
    "文化广电旅游局",
];

/// Table 三 rows that carry values, by format (group rows excluded).
fn result_rows(format: Format) -> Vec<&'static str> {
    let mut v = vec![
        "r1", "r2", "r3.1", "r3.2", "r3.3", "r3.4", "r3.5", "r3.6", "r3.7", "r3.8", "r4.1", "r4.2",
        "r4.3", "r5.1", "r5.2", "r5.3", "r5.4", "r5.5",
    ];
    if format == Format::V2019 {
        v.push("r6");
    } else {
        v.extend(["r6.1", "r6.2", "r6.3"]);
    }
    v
}

/// The figures of one report.
#[derive(Debug, Clone)]
pub struct Figures {
    /// Table 三 by row id: the six applicant columns (the total is their sum).
    pub requests: Vec<(&'static str, [i64; 6])>,
    /// Table 四: three groups of four (totals added when rendered).
    pub appeals: [[i64; 4]; 3],
    /// Table 二 by row id: the values as written.
    pub active: Vec<(&'static str, Vec<String>)>,
    /// 2019 format: (上一年项目数量, 本年增/减) by row id of （五）（六）（八）.
    pub projects: Vec<(&'static str, i64, i64)>,
}

impl Figures {
    pub fn row(&self, id: &str) -> [i64; 6] {
        self.requests
            .iter()
            .find(|(k, _)| *k == id)
            .map(|(_, v)| *v)
            .unwrap_or([0; 6])
    }
    fn set(&mut self, id: &str, v: [i64; 6]) {
        if let Some(r) = self.requests.iter_mut().find(|(k, _)| *k == id) {
            r.1 = v;
        }
    }
    pub fn total(&self, id: &str) -> i64 {
        self.row(id).iter().sum()
    }
    fn r7(&self, format: Format) -> [i64; 6] {
        let mut t = [0; 6];
        for id in result_rows(format) {
            let r = self.row(id);
            for c in 0..6 {
                t[c] += r[c];
            }
        }
        t
    }
}

/// Figures for `year` given last year's 结转下年度 (carry) and 2019-format project counts.
pub fn figures(
    rng: &mut Rng,
    format: Format,
    carry: [i64; 6],
    last_projects: &[(&'static str, i64, i64)],
) -> Figures {
    let mut new = [0i64; 6];
    new[0] = 3 + rng.below(40) as i64;
    for v in new.iter_mut().skip(1) {
        *v = if rng.below(3) == 0 {
            rng.below(4) as i64
        } else {
            0
        };
    }
    let rows = result_rows(format);
    let mut requests: Vec<(&'static str, [i64; 6])> = vec![("new", new), ("carry", carry)];
    let mut res: Vec<[i64; 6]> = vec![[0; 6]; rows.len()];
    let mut next = [0i64; 6];
    for c in 0..6 {
        let mut avail = new[c] + carry[c];
        let keep = if avail > 0 {
            (rng.below(3) as i64).min(avail)
        } else {
            0
        };
        next[c] = keep;
        avail -= keep;
        // Most go to 予以公开 / 部分公开, the rest spread over the other rows.
        while avail > 0 {
            let k = if rng.below(3) > 0 {
                rng.below(2) as usize
            } else {
                rng.below(rows.len() as u64) as usize
            };
            let n = 1 + rng.below(avail.min(5) as u64) as i64;
            res[k][c] += n;
            avail -= n;
        }
    }
    for (k, id) in rows.iter().enumerate() {
        requests.push((id, res[k]));
    }
    requests.push(("next", next));
    let mut appeals = [[0i64; 4]; 3];
    for g in appeals.iter_mut() {
        for v in g.iter_mut() {
            *v = if rng.below(3) == 0 {
                rng.below(3) as i64
            } else {
                0
            };
        }
    }
    let mut active = Vec::new();
    let mut projects = Vec::new();
    let n = |rng: &mut Rng, m: u64| rng.below(m).to_string();
    if format == Format::V2021 {
        active.push(("a1.rules", vec!["0".into(), "0".into(), "0".into()]));
        let made = rng.below(6);
        let gone = rng.below(3);
        active.push((
            "a1.docs",
            vec![
                made.to_string(),
                gone.to_string(),
                (made + 5 + rng.below(30)).to_string(),
            ],
        ));
        active.push(("a5.license", vec![n(rng, 400)]));
        active.push(("a6.penalty", vec![n(rng, 200)]));
        active.push(("a6.force", vec![n(rng, 10)]));
        active.push((
            "a8.fee",
            vec![format!("{}.{}", rng.below(40), 1 + rng.below(9))],
        ));
    } else {
        active.push(("a1.rules", vec!["0".into(), "0".into(), "0".into()]));
        let made = rng.below(6);
        active.push((
            "a1.docs",
            vec![
                made.to_string(),
                made.to_string(),
                (made + 5 + rng.below(30)).to_string(),
            ],
        ));
        for id in ["a5.license", "a5.other", "a6.penalty", "a6.force", "a8.fee"] {
            let prev = match last_projects.iter().find(|p| p.0 == id) {
                Some(&(_, p, ch)) => p + ch,
                None => 5 + rng.below(60) as i64,
            };
            let change = rng.below(7) as i64 - 3;
            let change = change.max(-prev);
            projects.push((id, prev, change));
            let mut v = vec![prev.to_string(), change.to_string()];
            if id != "a8.fee" {
                v.push(n(rng, 300));
            }
            active.push((id, v));
        }
        active.push((
            "a9.purchase",
            vec![n(rng, 20), format!("{}.{}", rng.below(500), rng.below(10))],
        ));
    }
    Figures {
        requests,
        appeals,
        active,
        projects,
    }
}

fn tables(f: &Figures, format: Format, form: TableForm) -> [String; 3] {
    let t2 = |id: &str, col: usize| -> Option<String> {
        f.active
            .iter()
            .find(|(k, _)| *k == id)
            .and_then(|(_, v)| v.get(col).cloned())
    };
    let t3 = |id: &str, col: usize| -> Option<String> {
        let r = f.requests.iter().find(|(k, _)| *k == id).map(|(_, v)| *v);
        let r = match (id, r) {
            ("r7", _) => f.r7(format),
            (_, Some(r)) => r,
            _ => return None,
        };
        Some(if col == 6 {
            r.iter().sum::<i64>().to_string()
        } else {
            r.get(col)?.to_string()
        })
    };
    let t4 = |id: &str, col: usize| -> Option<String> {
        if id != "appeals" {
            return None;
        }
        let g = &f.appeals[col / 5];
        Some(if col % 5 == 4 {
            g.iter().sum::<i64>().to_string()
        } else {
            g[col % 5].to_string()
        })
    };
    [
        render_table(TableKind::Active, format, form, Fill::Values(&t2)),
        render_table(TableKind::Requests, format, form, Fill::Values(&t3)),
        render_table(TableKind::Appeals, format, form, Fill::Values(&t4)),
    ]
}

/// One generated report before rendering.
#[derive(Debug, Clone)]
pub struct Spec {
    pub agency: String,
    pub year: i32,
    pub form: TableForm,
    pub figures: Figures,
    /// Publication date (month, day) in year + 1.
    pub published: (u32, u32),
    pub phone: String,
}

fn heading(n: usize, form: TableForm) -> String {
    const HEADS: [&str; 6] = [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ];
    match form {
        TableForm::Markdown => format!("## {}", HEADS[n]),
        TableForm::Pipe => format!("**{}**", HEADS[n]),
        _ => HEADS[n].to_string(),
    }
}

/// The report's text.
pub fn render(s: &Spec) -> String {
    let format = Format::for_year(s.year);
    let y = s.year;
    let basis = if format == Format::V2021 {
        "国办公开办函〔2021〕30号"
    } else {
        "国办公开办函〔2019〕60号"
    };
    let [t2, t3, t4] = tables(&s.figures, format, s.form);
    let f = &s.figures;
    let (new, carry, next) = (f.total("new"), f.total("carry"), f.total("next"));
    let (r1, r2) = (f.total("r1"), f.total("r2"));
    let a = &s.agency;
    let title = if s.form == TableForm::Markdown {
        format!("# {a}{y}年政府信息公开工作年度报告")
    } else {
        format!("{a}{y}年政府信息公开工作年度报告")
    };
    let mut t = String::new();
    t.push_str(&format!(
        "{title}\n\n发布日期：{}-{:02}-{:02}　　来源：{a}\n\n",
        y + 1,
        s.published.0,
        s.published.1
    ));
    t.push_str(&format!(
        "本报告根据《中华人民共和国政府信息公开条例》（国务院令第711号，以下简称《条例》）和\
         《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》\
         （{basis}）要求，由{a}编制。报告全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、\
         政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。\
         本报告统计数据从{y}年1月1日至{y}年12月31日。\n\n"
    ));
    t.push_str(&heading(0, s.form));
    t.push_str(&format!(
        "\n\n{y}年，我局认真贯彻落实《条例》和上级政务公开工作部署，持续深化政府信息公开，\
         切实保障人民群众的知情权、参与权、表达权和监督权。\n\n\
         （一）主动公开。全年通过政府门户网站“政府信息公开”专栏主动公开各类信息，及时公开政策文件和政策解读，接受群众监督。\n\n\
         （二）依申请公开。全年新收政府信息公开申请{new}件，上年结转{carry}件。所有申请均在法定期限内答复，\
         其中予以公开{r1}件，部分公开{r2}件，结转下年度继续办理{next}件。\n\n\
         （三）政府信息管理。严格落实公开前保密审查制度，对现行有效的行政规范性文件实行目录管理并动态更新。\n\n\
         （四）政府信息公开平台建设。以政府门户网站为第一平台，及时维护政务服务事项办事指南，确保线上线下信息一致。\n\n\
         （五）监督保障。将政务公开工作纳入年度考核，全年组织政务公开业务培训2次。\n\n"
    ));
    t.push_str(&heading(1, s.form));
    t.push_str("\n\n");
    t.push_str(&t2);
    t.push('\n');
    t.push_str(&heading(2, s.form));
    t.push_str("\n\n");
    t.push_str(&t3);
    t.push('\n');
    t.push_str(&heading(3, s.form));
    t.push_str("\n\n");
    t.push_str(&t4);
    t.push('\n');
    t.push_str(&heading(4, s.form));
    t.push_str(&format!(
        "\n\n{y}年我局政府信息公开工作取得了一定成效，但仍存在一些不足：一是政策解读形式较为单一；\
         二是部分信息更新存在滞后。{}年，我局将丰富政策解读形式，建立信息报送提醒机制，加强业务培训。\n\n",
        y + 1
    ));
    t.push_str(&heading(5, s.form));
    if format == Format::V2021 {
        t.push_str(&format!(
            "\n\n依据《政府信息公开信息处理费管理办法》，本机关{y}年未收取信息处理费。\n\n"
        ));
    } else {
        t.push_str("\n\n本年度无其他需要报告的事项。\n\n");
    }
    t.push_str(&format!(
        "如对本报告有任何疑问，请与{a}办公室联系。地址：人民路168号；邮编：343100；联系电话：{}。\n\n{a}\n\n{}年{}月{}日\n",
        s.phone,
        y + 1,
        s.published.0,
        s.published.1
    ));
    t
}

/// What was planted in a report, and the rule that must find it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Defect {
    /// A row total one too high (GX303).
    RowTotal,
    /// `地址：` left empty (GX501).
    EmptyField,
    /// A line of web-page residue (GX503).
    Residue,
    /// Published after the deadline (GX405).
    Late,
    /// A statistics period of the previous year (GX401).
    Period,
    /// A placeholder left in the prose (GX502).
    Placeholder,
    /// Stale citation of the 2019 basis in a 2021-format report (GX406).
    StaleCitation,
    /// Section 五 missing (GX101).
    MissingSection,
}

impl Defect {
    pub const ALL: [Defect; 8] = [
        Defect::RowTotal,
        Defect::EmptyField,
        Defect::Residue,
        Defect::Late,
        Defect::Period,
        Defect::Placeholder,
        Defect::StaleCitation,
        Defect::MissingSection,
    ];
    pub fn code(self) -> &'static str {
        match self {
            // One mistyped row total is one root-cause finding at that cell (GX300).
            Defect::RowTotal => "GX300",
            Defect::EmptyField => "GX501",
            Defect::Residue => "GX503",
            Defect::Late => "GX405",
            Defect::Period => "GX401",
            Defect::Placeholder => "GX502",
            Defect::StaleCitation => "GX406",
            Defect::MissingSection => "GX101",
        }
    }
}

fn replace_once(text: &mut String, from: &str, to: &str) {
    let at = text
        .find(from)
        .unwrap_or_else(|| panic!("`{from}` not in the generated report"));
    text.replace_range(at..at + from.len(), to);
}

/// Plants `d` in a rendered report.
pub fn plant(text: &mut String, s: &Spec, d: Defect) {
    let y = s.year;
    match d {
        Defect::RowTotal => {
            // 一、本年新收 row: its 总计 cell one too high (every other figure unchanged). The
            // cell is found by gxlint's reader, whatever the table form.
            let total = s.figures.total("new");
            let doc = gxlint::document::Document::parse(text, &Default::default());
            let span = doc
                .table(TableKind::Requests)
                .and_then(|t| t.row("new"))
                .and_then(|r| r.values.get(6))
                .map(|c| c.span.clone())
                .expect("the 新收 total cell");
            assert_eq!(&text[span.clone()], total.to_string());
            drop(doc);
            text.replace_range(span, &(total + 1).to_string());
        }
        Defect::EmptyField => replace_once(text, "地址：人民路168号；", "地址：；"),
        Defect::Residue => text.push_str("\n扫一扫在手机打开当前页\n"),
        Defect::Late => {
            let old = format!(
                "发布日期：{}-{:02}-{:02}",
                y + 1,
                s.published.0,
                s.published.1
            );
            replace_once(text, &old, &format!("发布日期：{}-06-18", y + 1));
            let old = format!("{}年{}月{}日\n", y + 1, s.published.0, s.published.1);
            replace_once(text, &old, &format!("{}年6月18日\n", y + 1));
        }
        Defect::Period => replace_once(
            text,
            &format!("从{y}年1月1日至{y}年12月31日"),
            &format!("从{}年1月1日至{}年12月31日", y - 1, y - 1),
        ),
        Defect::Placeholder => replace_once(
            text,
            "全年组织政务公开业务培训2次",
            "全年组织政务公开业务培训XX次",
        ),
        Defect::StaleCitation => {
            replace_once(text, "国办公开办函〔2021〕30号", "国办公开办函〔2019〕60号")
        }
        Defect::MissingSection => {
            let h = heading(4, s.form);
            let a = text.find(&h).expect("heading 五");
            let b = text.find(&heading(5, s.form)).expect("heading 六");
            text.replace_range(a..b, "");
        }
    }
}

/// A generated file and what it must give.
#[derive(Debug, Clone)]
pub struct Generated {
    /// Path relative to the batch folder.
    pub path: String,
    pub agency: String,
    pub year: i32,
    pub text: String,
    /// The single-document defect planted, if any.
    pub defect: Option<Defect>,
    /// A carry-over break planted (GX701 must find it on this report).
    pub carry_break: bool,
}

/// `agencies` agencies × three consecutive years (2019–2021 for every third agency, else
/// 2022–2024). Every fourth report has a defect (cycling through [`Defect::ALL`], where it
/// applies); every seventh agency has a carry-over break in its second or third year.
pub fn generate(agencies: usize, seed: u64) -> Vec<Generated> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::new();
    let mut names = std::collections::BTreeSet::new();
    let forms = [
        TableForm::Markdown,
        TableForm::Pipe,
        TableForm::Tab,
        TableForm::CellPerLine,
    ];
    let mut n_defect = 0usize;
    for i in 0..agencies {
        // A unique agency name.
        let agency = loop {
            let place = rng.pick(PLACES);
            let level = rng.pick(LEVELS);
            let dept = rng.pick(DEPARTMENTS);
            let name = format!("{place}{level}{dept}");
            if names.insert(name.clone()) {
                break name;
            }
            let name = format!("{place}{level}第{}{dept}", i + 1);
            if names.insert(name.clone()) {
                break name;
            }
        };
        let first = if i % 3 == 0 { 2019 } else { 2022 };
        let form = forms[i % forms.len()];
        let break_year = (i % 7 == 3).then_some(first + 1 + (i % 2) as i32);
        let mut carry = [0i64; 6];
        carry[0] = rng.below(3) as i64;
        let mut projects: Vec<(&'static str, i64, i64)> = Vec::new();
        for year in first..first + 3 {
            let format = Format::for_year(year);
            let mut figures = figures(&mut rng, format, carry, &projects);
            let next_carry = figures.row("next");
            let carry_break = break_year == Some(year);
            if carry_break {
                // Internally consistent: k applications moved from 新收 to 上年结转 (the balance
                // and every total unchanged), or a 2019-format project count off by one.
                if format == Format::V2019 && i % 2 == 0 {
                    if let Some(p) = figures.projects.first_mut() {
                        p.1 += 1;
                        let (id, prev, change) = *p;
                        if let Some(a) = figures.active.iter_mut().find(|a| a.0 == id) {
                            a.1[0] = prev.to_string();
                            a.1[1] = change.to_string();
                        }
                    }
                } else {
                    let mut new = figures.row("new");
                    let mut c = figures.row("carry");
                    // 新收 of 自然人 is at least 3.
                    new[0] -= 1;
                    c[0] += 1;
                    figures.set("new", new);
                    figures.set("carry", c);
                }
            }
            let next_projects = figures.projects.clone();
            let spec = Spec {
                agency: agency.clone(),
                year,
                form,
                figures,
                published: (1, 10 + rng.below(18) as u32),
                phone: format!("0796-8{:06}", 100_000 + rng.below(899_999)),
            };
            let mut text = render(&spec);
            let mut defect = None;
            if !carry_break && (i * 3 + (year - first) as usize) % 4 == 1 {
                let d = Defect::ALL[n_defect % Defect::ALL.len()];
                n_defect += 1;
                let applies = match d {
                    Defect::StaleCitation => format == Format::V2021,
                    _ => true,
                };
                if applies {
                    plant(&mut text, &spec, d);
                    defect = Some(d);
                }
            }
            let ext = if form == TableForm::Markdown {
                "md"
            } else {
                "txt"
            };
            out.push(Generated {
                path: format!("{year}/{i:05}-{agency}.{ext}"),
                agency: agency.clone(),
                year,
                text,
                defect,
                carry_break,
            });
            carry = next_carry;
            projects = next_projects;
        }
    }
    out
}

/// Writes a generated batch under `dir`.
pub fn write(dir: &std::path::Path, batch: &[Generated]) {
    for g in batch {
        let p = dir.join(&g.path);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(&p, &g.text).expect("write report");
    }
}
