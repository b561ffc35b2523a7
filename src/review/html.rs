//! The review page: one self-contained HTML file (inline CSS and JS, no network, no fonts to
//! fetch) that opens from disk. The summary is plain HTML (it prints and reads without script);
//! the report table, its sorting and filtering, the findings per report and the rule pages are
//! built by the inline script from the JSON data embedded in the page.

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::{Batch, Report, Status, Summary};
use crate::diagnostic::Severity;
use crate::rules::ALL;

/// HTML-escapes text for element content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON for a `<script type="application/json">` element: every `<` written as `\u003c`, so
/// no `</script>` or `<!--` can end or confuse the element (the JSON value is unchanged).
fn script_json(v: &Value) -> String {
    serde_json::to_string(v)
        .unwrap_or_else(|_| "null".into())
        .replace('<', "\\u003c")
}

fn sev_index(s: Severity) -> u8 {
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

fn status_index(s: Status) -> u8 {
    match s {
        Status::Error => 0,
        Status::Warning => 1,
        Status::Info => 2,
        Status::Clean => 3,
        Status::Skipped => 4,
        Status::Unreadable => 5,
    }
}

/// One report as the script's compact row: see `R_FIELDS` in the script.
fn report_row(r: &Report) -> Value {
    let f = &r.figures;
    let findings: Vec<Value> = r
        .findings
        .iter()
        .map(|x| {
            json!([
                x.code,
                sev_index(x.severity),
                x.message,
                x.expected,
                x.actual,
                x.line,
                x.column,
                x.before,
                x.text,
                x.after,
                x.mark.0,
                x.mark.1,
                x.related
            ])
        })
        .collect();
    json!([
        r.path,
        r.agency,
        r.year,
        r.format,
        r.published,
        r.errors,
        r.warnings,
        r.infos,
        status_index(r.status),
        [
            f.new,
            f.carry,
            f.results,
            f.next,
            f.review,
            f.suit_direct,
            f.suit_after
        ],
        findings,
        r.error,
        u8::from(r.late) | (u8::from(r.stale) << 1)
    ])
}

fn card(out: &mut String, value: usize, label: &str, class: &str) {
    let _ = write!(
        out,
        "<div class=\"card {class}\"><b>{value}</b><span>{}</span></div>",
        esc(label)
    );
}

fn count_table(out: &mut String, caption: &str, head: &str, rows: &[(String, usize)]) {
    let _ = write!(
        out,
        "<table class=\"counts\"><caption>{}</caption><thead><tr><th>{}</th><th>报告数</th></tr></thead><tbody>",
        esc(caption),
        esc(head)
    );
    for (k, v) in rows {
        let _ = write!(out, "<tr><td>{}</td><td class=\"n\">{v}</td></tr>", esc(k));
    }
    out.push_str("</tbody></table>");
}

fn summary_html(b: &Batch, s: &Summary) -> String {
    let mut out = String::new();
    out.push_str("<section id=\"summary\"><h2>概况</h2><div class=\"cards\">");
    card(&mut out, s.reports, "份年报已检查", "");
    card(&mut out, s.with_errors, "份有错误", "err");
    card(&mut out, s.with_warnings, "份仅有警告", "warn");
    card(&mut out, s.clean, "份未发现问题", "ok");
    card(&mut out, s.late, "份逾期发布", "warn");
    card(&mut out, s.stale, "份使用旧模板", "err");
    card(&mut out, s.pairs, "对相邻年度报告已跨年核对", "");
    card(&mut out, s.skipped, "个文件不是年报（已跳过）", "muted");
    card(&mut out, s.unreadable, "个文件无法读取", "muted");
    out.push_str("</div><div class=\"grid\">");
    let formats: Vec<(String, usize)> = s
        .by_format
        .iter()
        .map(|(k, v)| {
            let name = match k.as_str() {
                "pre-2019" => "2019年以前".to_string(),
                k => format!("{k}年格式"),
            };
            (name, *v)
        })
        .collect();
    count_table(&mut out, "按格式版本", "格式", &formats);
    let years: Vec<(String, usize)> = s.by_year.iter().map(|(k, v)| (k.clone(), *v)).collect();
    count_table(&mut out, "按报告年度", "年度", &years);
    out.push_str("<figure class=\"chart\"><figcaption>最常见的问题（条数）</figcaption>");
    let max = s.top.first().map(|t| t.2).unwrap_or(0).max(1);
    if s.top.is_empty() {
        out.push_str("<p class=\"muted\">没有发现问题。</p>");
    }
    for (code, name, n, reports) in s.top.iter().take(15) {
        let pct = (*n as f64 / max as f64 * 100.0).max(0.5);
        let summary = crate::rules::find(code).map(|r| r.summary).unwrap_or("");
        let _ = write!(
            out,
            "<div class=\"bar\" title=\"{}\"><button class=\"code\" data-doc=\"{code}\">{code}</button>\
             <span class=\"bname\">{}</span><span class=\"track\"><span style=\"width:{pct:.1}%\"></span></span>\
             <span class=\"n\">{n} 条 / {reports} 份</span></div>",
            esc(summary),
            esc(name)
        );
    }
    out.push_str("</figure></div>");
    let list = |out: &mut String, title: &str, pick: &dyn Fn(&Report) -> bool| {
        let items: Vec<&Report> = b.reports.iter().filter(|r| pick(r)).collect();
        let _ = write!(
            out,
            "<details class=\"list\"><summary>{}（{}）</summary><ul>",
            esc(title),
            items.len()
        );
        for r in items {
            let _ = write!(
                out,
                "<li>{} {}　<span class=\"muted\">{}{}</span></li>",
                esc(r.agency.as_deref().unwrap_or("（未识别机关）")),
                r.year.map(|y| format!("{y}年度")).unwrap_or_default(),
                esc(&r.path),
                r.published
                    .as_deref()
                    .map(|p| format!("，发布于 {p}"))
                    .unwrap_or_default()
            );
        }
        out.push_str("</ul></details>");
    };
    list(&mut out, "逾期发布的报告", &|r| r.late);
    list(&mut out, "使用旧模板的报告", &|r| r.stale);
    list(&mut out, "不是年报、已跳过的文件", &|r| {
        r.status == Status::Skipped
    });
    list(&mut out, "无法读取的文件", &|r| {
        r.status == Status::Unreadable
    });
    out.push_str("</section>");
    out
}

fn docs_html() -> String {
    let mut out = String::new();
    for r in ALL {
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(r.doc));
        let _ = write!(
            out,
            "<template id=\"doc-{}\" data-title=\"{} {}\">{html}</template>",
            r.code,
            r.code,
            esc(r.name)
        );
    }
    out
}

/// The whole page.
pub fn render(batch: &Batch, title: &str) -> String {
    let summary = batch.summary();
    let rules: Vec<Value> = ALL
        .iter()
        .map(|r| json!([r.code, r.name, r.summary]))
        .collect();
    let data = json!({
        "rules": rules,
        "r": batch.reports.iter().map(report_row).collect::<Vec<_>>(),
    });
    let mut out = String::with_capacity(4096 + batch.reports.len() * 600);
    out.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    let _ = write!(
        out,
        "<title>{}</title><style>{CSS}</style></head><body>",
        esc(title)
    );
    let _ = write!(
        out,
        "<header><h1>{}</h1><p class=\"muted\">由 gxlint {} 生成：{} 个文件，{} 条问题。\
         本页不联网，可直接打开、打印。</p></header><main>",
        esc(title),
        env!("CARGO_PKG_VERSION"),
        summary.files,
        summary.findings
    );
    out.push_str(&summary_html(batch, &summary));
    out.push_str(CONTROLS);
    out.push_str("</main>");
    out.push_str(&docs_html());
    out.push_str(
        "<dialog id=\"doc\"><form method=\"dialog\"><button class=\"close\" aria-label=\"关闭\">×</button></form><article></article></dialog>",
    );
    let _ = writeln!(
        out,
        "<script type=\"application/json\" id=\"data\">{}</script><script>{JS}</script></body></html>",
        script_json(&data)
    );
    out
}

const CONTROLS: &str = r##"<section id="reports"><h2>逐份报告</h2>
<div class="controls" role="search">
<label>机关 <input id="f-agency" type="search" placeholder="输入机关名称的一部分"></label>
<label>规则 <select id="f-rule"><option value="">全部规则</option></select></label>
<label>级别 <select id="f-sev"><option value="">全部级别</option><option value="0">有错误</option><option value="1">有警告</option><option value="2">有提示</option></select></label>
<label>状态 <select id="f-status"><option value="">全部状态</option><option value="0">错误</option><option value="1">警告</option><option value="2">提示</option><option value="3">通过</option><option value="4">非年报</option><option value="5">无法读取</option></select></label>
<label>年度 <select id="f-year"><option value="">全部年度</option></select></label>
<button id="expand-all" type="button">展开全部</button><button id="collapse-all" type="button">收起全部</button><button id="print" type="button">打印</button>
<span id="shown" class="muted" aria-live="polite"></span>
</div>
<div class="scroll"><table id="table"><thead><tr>
<th data-k="agency" scope="col">机关</th><th data-k="year" scope="col">年度</th><th data-k="format" scope="col">格式</th><th data-k="published" scope="col">发布日期</th>
<th data-k="e" scope="col" class="n">错误</th><th data-k="w" scope="col" class="n">警告</th><th data-k="i" scope="col" class="n">提示</th><th data-k="status" scope="col">状态</th>
<th data-k="f0" scope="col" class="n fig">新收</th><th data-k="f1" scope="col" class="n fig">上年结转</th><th data-k="f2" scope="col" class="n fig">办理结果总计</th><th data-k="f3" scope="col" class="n fig">结转下年</th><th data-k="f4" scope="col" class="n fig">复议总计</th><th data-k="f5" scope="col" class="n fig">直接起诉</th><th data-k="f6" scope="col" class="n fig">复议后起诉</th>
</tr></thead><tbody id="rows"></tbody></table></div>
<p class="muted note">点击一行查看这份报告的问题；点击规则代码查看规则说明；点击表头排序。关键数据取自表三（一、二、（七）总计、四）和表四（各组总计）的“总计”，明显偏大的数值以底色标出。</p>
</section>"##;

const CSS: &str = r##"
:root{--fg:#1d232a;--muted:#5f6b76;--line:#d8dee4;--bg:#fff;--soft:#f4f6f8;--err:#c62828;--warn:#a15c00;--info:#1565c0;--ok:#2e7d32;--mark:#ffe08a}
*{box-sizing:border-box}
body{margin:0;color:var(--fg);background:var(--bg);font:15px/1.55 system-ui,-apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif}
header{padding:16px 20px 4px;border-bottom:1px solid var(--line)}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:20px 0 10px}
main{padding:0 20px 24px}
.muted{color:var(--muted)}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:10px}
.card{border:1px solid var(--line);border-radius:8px;padding:10px 12px;background:var(--soft)}
.card b{display:block;font-size:24px;line-height:1.2}.card span{font-size:13px;color:var(--muted)}
.card.err b{color:var(--err)}.card.warn b{color:var(--warn)}.card.ok b{color:var(--ok)}.card.muted b{color:var(--muted)}
.grid{display:grid;grid-template-columns:minmax(160px,1fr) minmax(160px,1fr) minmax(280px,3fr);gap:16px;margin-top:16px;align-items:start}
table{border-collapse:collapse}
.counts{width:100%}.counts caption,.chart figcaption{text-align:left;font-weight:600;margin-bottom:6px}
.counts td,.counts th{border-bottom:1px solid var(--line);padding:3px 6px;text-align:left}
.n{text-align:right;font-variant-numeric:tabular-nums}
.chart{margin:0}.bar{display:grid;grid-template-columns:64px minmax(80px,180px) 1fr auto;gap:8px;align-items:center;margin:3px 0;font-size:13px}
.bname{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.track{background:var(--soft);height:14px;border-radius:3px;overflow:hidden}.track span{display:block;height:100%;background:#5b8def;print-color-adjust:exact;-webkit-print-color-adjust:exact}
details.list{margin-top:10px}details.list summary{cursor:pointer;font-weight:600}details.list ul{margin:6px 0;max-height:320px;overflow:auto}
.controls{display:flex;flex-wrap:wrap;gap:8px 14px;align-items:center;margin-bottom:10px}
.controls input,.controls select,.controls button{font:inherit;padding:4px 8px;border:1px solid var(--line);border-radius:6px;background:#fff}
.controls button{cursor:pointer;background:var(--soft)}
.scroll{overflow-x:auto}
#table{width:100%;font-size:14px}
#table th{position:sticky;top:0;background:#eef2f5;cursor:pointer;user-select:none;white-space:nowrap;padding:6px 8px;border-bottom:2px solid var(--line);text-align:left}
#table th.n{text-align:right}
#table th[aria-sort=ascending]::after{content:" ▲"}#table th[aria-sort=descending]::after{content:" ▼"}
#table td{padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
#table tr.r{cursor:pointer}#table tr.r:hover{background:#f7fafc}#table tr.r.open{background:#eef4ff}
td.fig.out{background:#ffe3e0;font-weight:600}
.st{display:inline-block;padding:0 8px;border-radius:10px;font-size:12px;white-space:nowrap;border:1px solid currentColor}
.s0{color:var(--err)}.s1{color:var(--warn)}.s2{color:var(--info)}.s3{color:var(--ok)}.s4,.s5{color:var(--muted)}
tr.d td{background:#fbfcfd;padding:8px 12px 12px}
.path{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;color:var(--muted);word-break:break-all}
ol.fs{margin:6px 0 0;padding-left:22px}ol.fs li{margin:0 0 10px}
.sev{font-size:12px;font-weight:600;margin-right:6px}
button.code{font:600 12px ui-monospace,Menlo,Consolas,monospace;color:#0b57d0;background:none;border:1px solid #b7c9f2;border-radius:4px;padding:0 5px;cursor:pointer}
.msg{margin:2px 0}.nums{font-size:13px}.nums b{font-variant-numeric:tabular-nums}
pre.src{margin:4px 0 0;padding:6px 8px;background:#f6f8fa;border:1px solid var(--line);border-radius:6px;white-space:pre-wrap;word-break:break-all;font:12.5px/1.5 ui-monospace,Menlo,Consolas,"Noto Sans Mono CJK SC",monospace}
pre.src .ctx{color:var(--muted)}pre.src mark{background:var(--mark);outline:2px solid #e0a800;border-radius:2px;padding:0 1px}
pre.src .ln{color:var(--muted);user-select:none}
dialog#doc{max-width:760px;width:calc(100% - 24px);border:1px solid var(--line);border-radius:10px;padding:8px 20px 16px}
dialog#doc::backdrop{background:rgba(0,0,0,.35)}dialog#doc pre{white-space:pre-wrap;background:var(--soft);padding:8px;border-radius:6px}
dialog .close{float:right;font-size:22px;border:none;background:none;cursor:pointer}
.note{font-size:13px}
@media (max-width:700px){
 body{font-size:14px}header,main{padding-left:10px;padding-right:10px}
 .grid{grid-template-columns:1fr}.bar{grid-template-columns:58px 1fr auto}.bar .bname{display:none}
 #table thead{display:none}#table,#table tbody,#table tr,#table td{display:block;width:100%}
 #table tr.r{border:1px solid var(--line);border-radius:8px;margin:8px 0;padding:6px 8px}
 #table tr.r td{border:none;padding:1px 0;display:flex;justify-content:space-between;gap:10px;text-align:right}
 #table tr.r td::before{content:attr(data-l);color:var(--muted);text-align:left;flex:none}
 #table tr.r td:first-child{font-weight:600;font-size:15px;text-align:left}#table tr.r td:first-child::before{content:none}
 #table tr.d{margin:-8px 0 8px}#table tr.d td{display:block;border:1px solid var(--line);border-top:none;border-radius:0 0 8px 8px}
}
@media print{
 @page{size:A4 landscape;margin:12mm}
 body{font-size:11px}.controls,dialog,.note,button.close{display:none!important}
 details.list{display:block}details.list ul{max-height:none;overflow:visible}
 #table th{position:static}#table tr{break-inside:avoid}pre.src{break-inside:avoid}
 button.code{border:none;color:inherit;padding:0}
 .scroll{overflow:visible}
}
"##;

const JS: &str = r##"
(function(){
"use strict";
var D=JSON.parse(document.getElementById("data").textContent);
var R=D.r, RULES={};
D.rules.forEach(function(x){RULES[x[0]]={name:x[1],summary:x[2]};});
var SEV=["错误","警告","提示"], ST=["错误","警告","提示","通过","非年报","无法读取"];
var FMT={"2021":"2021年格式","2019":"2019年格式","pre-2019":"2019年以前","":""};
var FIG=["新收","上年结转","办理结果总计","结转下年","复议总计","直接起诉","复议后起诉"];
var LABELS=["机关","年度","格式","发布日期","错误","警告","提示","状态"].concat(FIG);
function esc(s){return s==null?"":String(s).replace(/[&<>"']/g,function(c){return {"&":"&amp;","<":"&lt;",">":"&gt;","\"":"&quot;","'":"&#39;"}[c];});}
// Per report: the rule codes and severities present, for the filters.
var codes=[], sevs=[], years={}, allCodes={};
R.forEach(function(r,i){
  var c={}, s=[0,0,0];
  r[10].forEach(function(f){c[f[0]]=1; s[f[1]]=1; allCodes[f[0]]=(allCodes[f[0]]||0)+1;});
  codes[i]=c; sevs[i]=s; if(r[2]!=null) years[r[2]]=1;
});
// Outliers per key figure: above Q3 + 3 IQR (and above 10).
var limit=FIG.map(function(_,k){
  var v=R.map(function(r){return r[9][k];}).filter(function(x){return x!=null;}).sort(function(a,b){return a-b;});
  if(v.length<8) return Infinity;
  var q1=v[Math.floor(v.length/4)], q3=v[Math.floor(v.length*3/4)];
  return Math.max(10, q3+3*(q3-q1));
});
var ruleSel=document.getElementById("f-rule");
Object.keys(allCodes).sort().forEach(function(c){
  var o=document.createElement("option"); o.value=c;
  o.textContent=c+" "+(RULES[c]?RULES[c].name:"")+"（"+allCodes[c]+"）"; ruleSel.appendChild(o);
});
var yearSel=document.getElementById("f-year");
Object.keys(years).sort().forEach(function(y){var o=document.createElement("option"); o.value=y; o.textContent=y; yearSel.appendChild(o);});
var KEY={agency:function(r){return r[1]||"\uffff"+r[0];},year:function(r){return r[2];},format:function(r){return r[3];},
  published:function(r){return r[4];},e:function(r){return r[5];},w:function(r){return r[6];},i:function(r){return r[7];},status:function(r){return r[8];}};
FIG.forEach(function(_,k){KEY["f"+k]=function(r){return r[9][k];};});
var sortKey=null, sortDir=1, order=R.map(function(_,i){return i;}), open={};
var tbody=document.getElementById("rows"), shown=document.getElementById("shown");
function cmp(a,b){
  if(a==null&&b==null) return 0; if(a==null) return 1; if(b==null) return -1;
  if(typeof a==="number"&&typeof b==="number") return a-b;
  return String(a).localeCompare(String(b),"zh-CN");
}
function rowHtml(i){
  var r=R[i], h='<tr class="r'+(open[i]?" open":"")+'" data-i="'+i+'" tabindex="0" aria-expanded="'+(open[i]?"true":"false")+'">';
  var cells=[esc(r[1]||"（未识别机关）")+'<div class="path">'+esc(r[0])+'</div>', r[2]==null?"":r[2], esc(FMT[r[3]]||r[3]), esc(r[4]||""),
    r[5]||"", r[6]||"", r[7]||"", '<span class="st s'+r[8]+'">'+ST[r[8]]+(r[12]&1?" · 逾期":"")+(r[12]&2?" · 旧模板":"")+'</span>'];
  cells.forEach(function(c,k){h+='<td data-l="'+LABELS[k]+'"'+(k>=4&&k<=6?' class="n"':'')+'>'+c+'</td>';});
  r[9].forEach(function(v,k){h+='<td data-l="'+FIG[k]+'" class="n fig'+(v!=null&&v>limit[k]?' out':'')+'">'+(v==null?"":v)+'</td>';});
  return h+'</tr>'+(open[i]?detailHtml(i):"");
}
function detailHtml(i){
  var r=R[i], h='<tr class="d" data-d="'+i+'"><td colspan="15"><div class="path">'+esc(r[0])+'</div>';
  if(r[11]) h+='<p class="msg s0">'+esc(r[11])+'</p>';
  else if(r[8]===4) h+='<p class="msg muted">这个文件没有年报的标题，也没有年报的章节标题，已跳过。</p>';
  else if(!r[10].length) h+='<p class="msg s3">未发现问题。</p>';
  else {
    h+='<ol class="fs">';
    r[10].forEach(function(f){
      h+='<li><span class="sev s'+f[1]+'">'+SEV[f[1]]+'</span><button class="code" data-doc="'+esc(f[0])+'" title="'+esc(RULES[f[0]]?RULES[f[0]].summary:"")+'">'+esc(f[0])+'</button> <span class="muted">'+esc(RULES[f[0]]?RULES[f[0]].name:"")+' · 第'+f[5]+'行第'+f[6]+'列</span>';
      h+='<p class="msg">'+esc(f[2])+'</p>';
      if(f[3]!=null) h+='<div class="nums">应为 <b class="expected">'+esc(f[3])+'</b>'+(f[4]!=null?'，实为 <b class="actual">'+esc(f[4])+'</b>':'')+'</div>';
      var t=f[8], a=f[10], b=f[11], chars=Array.from(t);
      h+='<pre class="src">'+(f[7]?'<span class="ctx"><span class="ln">'+(f[5]-1)+' │ </span>'+esc(f[7])+'</span>\n':'')
        +'<span class="ln">'+f[5]+' │ </span>'+esc(chars.slice(0,a).join(""))+'<mark>'+(b>a?esc(chars.slice(a,b).join("")):"&#8203;")+'</mark>'+esc(chars.slice(b).join(""))
        +(f[9]?'\n<span class="ctx"><span class="ln">'+(f[5]+1)+' │ </span>'+esc(f[9])+'</span>':'')+'</pre>';
      if(f[12]&&f[12].length) h+='<div class="muted nums">相关：'+f[12].map(esc).join("；")+'</div>';
      h+='</li>';
    });
    h+='</ol>';
  }
  return h+'</td></tr>';
}
function visible(i){
  var r=R[i], q=fAgency.value.trim().toLowerCase(), rule=fRule.value, sev=fSev.value, st=fStatus.value, y=fYear.value;
  if(q && (String(r[1]||"")+" "+r[0]).toLowerCase().indexOf(q)<0) return false;
  if(rule && !codes[i][rule]) return false;
  if(sev!=="" && !sevs[i][+sev]) return false;
  if(st!=="" && r[8]!==+st) return false;
  if(y!=="" && String(r[2])!==y) return false;
  return true;
}
function render(){
  var parts=[], n=0;
  for(var j=0;j<order.length;j++){var i=order[j]; if(visible(i)){parts.push(rowHtml(i)); n++;}}
  tbody.innerHTML=parts.join("");
  shown.textContent="显示 "+n+" / "+R.length+" 份";
}
function toggle(tr){
  var i=+tr.getAttribute("data-i");
  if(open[i]){delete open[i]; var d=tr.nextElementSibling; if(d&&d.classList.contains("d")) d.remove(); tr.classList.remove("open"); tr.setAttribute("aria-expanded","false");}
  else {open[i]=1; tr.insertAdjacentHTML("afterend",detailHtml(i)); tr.classList.add("open"); tr.setAttribute("aria-expanded","true");}
}
var fAgency=document.getElementById("f-agency"), fRule=ruleSel, fSev=document.getElementById("f-sev"), fStatus=document.getElementById("f-status"), fYear=yearSel;
var timer=null;
fAgency.addEventListener("input",function(){clearTimeout(timer); timer=setTimeout(render,120);});
[fRule,fSev,fStatus,fYear].forEach(function(el){el.addEventListener("change",render);});
document.querySelectorAll("#table th[data-k]").forEach(function(th){
  th.addEventListener("click",function(){
    var k=th.getAttribute("data-k");
    if(sortKey===k) sortDir=-sortDir; else {sortKey=k; sortDir=(k[0]==="f"||k==="e"||k==="w"||k==="i")?-1:1;}
    document.querySelectorAll("#table th").forEach(function(x){x.removeAttribute("aria-sort");});
    th.setAttribute("aria-sort",sortDir>0?"ascending":"descending");
    var f=KEY[k];
    order.sort(function(a,b){var c=cmp(f(R[a]),f(R[b])); if(c===0) c=cmp(R[a][0],R[b][0]); return (f(R[a])==null||f(R[b])==null)?c:sortDir*c;});
    render();
  });
});
tbody.addEventListener("click",function(e){
  var b=e.target.closest("button.code"); if(b){showDoc(b.getAttribute("data-doc")); e.stopPropagation(); return;}
  var tr=e.target.closest("tr.r"); if(tr) toggle(tr);
});
tbody.addEventListener("keydown",function(e){
  if((e.key==="Enter"||e.key===" ")&&e.target.matches("tr.r")){e.preventDefault(); toggle(e.target);}
});
document.getElementById("summary").addEventListener("click",function(e){
  var b=e.target.closest("button.code"); if(b) showDoc(b.getAttribute("data-doc"));
});
document.getElementById("expand-all").addEventListener("click",function(){order.forEach(function(i){if(visible(i)) open[i]=1;}); render();});
document.getElementById("collapse-all").addEventListener("click",function(){open={}; render();});
document.getElementById("print").addEventListener("click",function(){window.print();});
var dlg=document.getElementById("doc");
function showDoc(code){
  var t=document.getElementById("doc-"+code); if(!t) return;
  var art=dlg.querySelector("article"); art.innerHTML=""; art.appendChild(t.content.cloneNode(true));
  if(dlg.showModal){ if(!dlg.open) dlg.showModal(); } else dlg.setAttribute("open","");
}
dlg.addEventListener("click",function(e){if(e.target===dlg) dlg.close();});
render();
document.documentElement.setAttribute("data-ready","1");
})();
"##;
