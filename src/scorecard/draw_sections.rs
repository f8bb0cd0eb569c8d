//! The page's sections below the North Stars, laid out for `draw`: the operational
//! table, the leaks, the pillars' radar and list, and the actions box.

use super::draw::{
    ACCENT, AMBER, BAD, FAINT, GOOD, INK, MUTED, RULE, Spot, TEXT, section_label, sparkline,
    status_mark, style,
};
use super::fonts::{fit, wrap};
use super::page::{Scorecard, change_is_good, change_text, value_text};
use super::svg::{Anchor, Svg};

/// The operational table; returns where it ends.
pub(super) fn operational(
    svg: &mut Svg,
    spots: &mut Vec<([f32; 4], Spot)>,
    page: &Scorecard,
    [x, y, w]: [f32; 3],
    cur: &str,
) -> f32 {
    section_label(svg, x, y, "OPERATIONAL");
    // Column widths as shares of the table, the metric's name first.
    let shares = [0.25, 0.11, 0.11, 0.17, 0.09, 0.07, 0.08, 0.12];
    let mut cols = Vec::new();
    let mut at = x;
    for s in shares {
        cols.push((at, s * w));
        at += s * w;
    }
    let heads = [
        "Metric",
        "This quarter",
        "Previous",
        "Change",
        "Last year",
        "Trend",
        "Target",
        "Status",
    ];
    let hy = y + 14.0;
    for (i, head) in heads.iter().enumerate() {
        let (cx, cw) = cols[i];
        let (ax, anchor) = if (1..=4).contains(&i) || i == 6 {
            (cx + cw - 4.0, Anchor::End)
        } else {
            (cx, Anchor::Start)
        };
        svg.text(
            ax,
            hy,
            style(6.8, true, MUTED),
            anchor,
            &fit(head, cw - 4.0, 6.8, true),
        );
    }
    svg.line((x, hy + 4.0), (x + w, hy + 4.0), RULE, 0.8);
    let row_h = 15.0;
    let mut ry = hy + 4.0;
    for m in &page.operational {
        let base = ry + 10.5;
        let cells = [
            m.label.clone(),
            value_text(m.unit, m.value, cur),
            value_text(m.unit, m.previous, cur),
            change_text(m.unit, m.value, m.previous, cur),
            value_text(m.unit, m.last_year, cur),
        ];
        for (i, cell) in cells.iter().enumerate() {
            let (cx, cw) = cols[i];
            let bold = i == 1;
            let color = match i {
                3 => match change_is_good(m.better, m.value, m.previous) {
                    Some(true) => GOOD,
                    Some(false) => BAD,
                    None => TEXT,
                },
                1 | 0 => INK,
                _ => TEXT,
            };
            let (ax, anchor) = if i == 0 {
                (cx, Anchor::Start)
            } else {
                (cx + cw - 4.0, Anchor::End)
            };
            svg.text(
                ax,
                base,
                style(7.5, bold, color),
                anchor,
                &fit(cell, cw - 5.0, 7.5, bold),
            );
        }
        let (tx, tw) = cols[5];
        sparkline(svg, m, [tx + 3.0, ry + 3.5, tw - 8.0, 8.0]);
        let (gx, gw) = cols[6];
        let target = m
            .target
            .map_or_else(String::new, |t| value_text(m.unit, Some(t), cur));
        svg.text_fit(
            (gx + gw - 4.0, base),
            style(7.5, false, TEXT),
            Anchor::End,
            &target,
            gw - 5.0,
        );
        let (sx, _) = cols[7];
        status_mark(svg, m.status, sx + 2.0, base, 7.0);
        spots.push(([x, ry, w, row_h], Spot::Metric(m.key.clone())));
        ry += row_h;
        svg.line((x, ry), (x + w, ry), RULE, 0.5);
        if let Some(r) = &m.restated {
            svg.text_fit(
                (cols[1].0, ry + 8.0),
                style(6.5, false, AMBER),
                Anchor::Start,
                r,
                w - cols[1].0 + x,
            );
            ry += 11.0;
        }
    }
    ry
}

/// The leaks, most revenue at stake first; returns where they end.
pub(super) fn leaks(
    svg: &mut Svg,
    spots: &mut Vec<([f32; 4], Spot)>,
    page: &Scorecard,
    [x, y, w]: [f32; 3],
    cur: &str,
) -> f32 {
    section_label(svg, x, y, "LEAKS, BY REVENUE AT STAKE");
    let hy = y + 14.0;
    let (records_x, stake_x) = (x + w * 0.70, x + w);
    svg.text(x, hy, style(6.8, true, MUTED), Anchor::Start, "Leak");
    svg.text(
        records_x,
        hy,
        style(6.8, true, MUTED),
        Anchor::End,
        "Records",
    );
    svg.text(
        stake_x,
        hy,
        style(6.8, true, MUTED),
        Anchor::End,
        "At stake",
    );
    svg.line((x, hy + 4.0), (x + w, hy + 4.0), RULE, 0.8);
    let mut ry = hy + 4.0;
    if page.leaks.is_empty() {
        svg.text(
            x,
            ry + 12.0,
            style(7.5, false, MUTED),
            Anchor::Start,
            "No leaks found this quarter.",
        );
        return ry + 18.0;
    }
    for (i, l) in page.leaks.iter().enumerate() {
        let base = ry + 10.5;
        let name = format!("{}. {}", i + 1, l.label);
        svg.text_fit(
            (x, base),
            style(7.5, true, INK),
            Anchor::Start,
            &name,
            w * 0.55,
        );
        svg.text(
            records_x,
            base,
            style(7.5, false, TEXT),
            Anchor::End,
            &crate::text::count(l.count),
        );
        let stake = match l.at_stake {
            Some(s) if l.estimate => crate::text::approx_money(s, cur),
            Some(s) => crate::text::short_money(s, cur),
            None => "—".to_owned(),
        };
        svg.text(stake_x, base, style(7.5, true, INK), Anchor::End, &stake);
        spots.push(([x, ry, w, 15.0], Spot::Leak(l.key.clone())));
        ry += 15.0;
        svg.line((x, ry), (x + w, ry), RULE, 0.5);
    }
    if page.leaks_in_all > page.leaks.len() {
        let more = format!(
            "and {} more in the Handoff leaks view",
            page.leaks_in_all - page.leaks.len()
        );
        svg.text(x, ry + 9.0, style(6.5, false, MUTED), Anchor::Start, &more);
        ry += 11.0;
    }
    ry
}

/// The pillars' radar and list; returns where they end.
pub(super) fn pillars(svg: &mut Svg, p: &super::page::PillarHealth, [x, y, w]: [f32; 3]) -> f32 {
    let overall = p
        .overall
        .and_then(|l| p.level_names.get(usize::from(l).saturating_sub(1)))
        .map_or_else(String::new, |n| format!(" · overall {n}"));
    section_label(
        svg,
        x,
        y,
        &format!("PILLAR HEALTH{}", overall.to_uppercase()),
    );
    let n = p.pillars.len().max(3);
    let radius = 34.0;
    let centre = (x + radius + 4.0, y + 12.0 + radius);
    #[expect(clippy::cast_precision_loss, reason = "a drawing")]
    let at = |i: usize, level: f32| {
        let angle = -std::f32::consts::FRAC_PI_2 + i as f32 * std::f32::consts::TAU / n as f32;
        (
            centre.0 + angle.cos() * radius * level / 5.0,
            centre.1 + angle.sin() * radius * level / 5.0,
        )
    };
    for level in 1..=5u8 {
        let ring: Vec<(f32, f32)> = (0..n).map(|i| at(i, f32::from(level))).collect();
        svg.polygon(
            &ring,
            "none",
            Some((if level == 5 { "#c7cdd6" } else { RULE }, 0.6)),
        );
    }
    let mut target: Vec<(f32, f32)> = (0..n).map(|i| at(i, f32::from(p.target_level))).collect();
    target.push(target[0]);
    svg.polyline(&target, MUTED, 0.9, true);
    let shape: Vec<(f32, f32)> = (0..n)
        .map(|i| {
            at(
                i,
                p.pillars
                    .get(i)
                    .and_then(|x| x.level)
                    .map_or(0.0, f32::from),
            )
        })
        .collect();
    svg.polygon(&shape, "#2f5fa733", Some((ACCENT, 1.2)));
    for i in 0..p.pillars.len() {
        let (lx, ly) = at(i, 6.2);
        svg.text(
            lx,
            ly + 2.5,
            style(6.5, true, MUTED),
            Anchor::Middle,
            &(i + 1).to_string(),
        );
    }
    let list_x = x + 2.0 * radius + 20.0;
    let list_w = x + w - list_x;
    let mut ly = y + 16.0;
    for (i, pl) in p.pillars.iter().enumerate() {
        let level = pl
            .level
            .and_then(|l| {
                p.level_names
                    .get(usize::from(l).saturating_sub(1))
                    .map(|n| format!("{l} {n}"))
            })
            .unwrap_or_else(|| "not assessed".to_owned());
        let name = fit(&format!("{}. {}", i + 1, pl.name), list_w * 0.62, 7.2, true);
        svg.text(list_x, ly, style(7.2, true, INK), Anchor::Start, &name);
        svg.text(x + w, ly, style(7.2, false, TEXT), Anchor::End, &level);
        svg.text_fit(
            (list_x + 8.0, ly + 8.0),
            style(6.3, false, MUTED),
            Anchor::Start,
            &pl.owner,
            list_w - 8.0,
        );
        ly += 17.0;
    }
    ly.max(centre.1 + radius + 10.0)
}

pub(super) fn actions(svg: &mut Svg, page: &Scorecard, [x, y, w, h]: [f32; 4]) {
    svg.rect([x, y, w, h], 5.0, "#ffffff", Some("#cfd5dd"));
    section_label(svg, x + 10.0, y + 13.0, "ACTIONS: WHAT WE WILL CHANGE");
    let mut ly = y + 26.0;
    if page.comments.is_empty() {
        svg.text(
            x + 10.0,
            ly,
            style(7.5, false, FAINT),
            Anchor::Start,
            "No actions written for this quarter yet.",
        );
        return;
    }
    let label_w = 70.0;
    for (section, text) in &page.comments {
        if ly > y + h - 4.0 {
            break;
        }
        svg.text(x + 10.0, ly, style(7.5, true, INK), Anchor::Start, section);
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "lines that fit"
        )]
        let room = (((y + h - ly) / 10.0).floor() as usize).max(1);
        for line in wrap(text, w - label_w - 20.0, 7.5, false, room.min(4)) {
            svg.text(
                x + 10.0 + label_w,
                ly,
                style(7.5, false, TEXT),
                Anchor::Start,
                &line,
            );
            ly += 10.0;
        }
        ly += 3.0;
    }
}
