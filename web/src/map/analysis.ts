// The analysis panel: every chapter in plain sentences with figures and charts; a figure's
// elements can be shown on the map. Downloads of the report and of every export format.

import { h, mount } from "../dom";
import type { MapPage } from "./view";
import { palette, SECTOR_COLOURS } from "./graph";
import {
  Bar, barChart, countOf, ends, firstAndMore, looseName, names, num, pct, plural, resetFigureIds, showAllButton, showButton,
  statusStack, STATUS_BAR, STATUS_WORDS, withNeighbours, longDate,
} from "./figures";
import { openTime } from "./time";

type Ref = { id: string; label: string; category: string; sector: string };
type Child = Node | string | null | undefined | false;

const ids = (refs: Ref[]) => refs.map((r) => r.id);
const labels = (refs: Ref[]) => refs.map((r) => r.label);
const para = (...children: Child[]) => h("p", {}, ...children);
const sub = (text: string) => h("h4", {}, text);

/** The export formats members can download, with what each is for. */
export const EXPORTS: [string, string, string][] = [
  ["caremap", "caremap JSON (.json)", "everything, to keep or to load into caremap again"],
  ["kumu-xlsx", "Kumu spreadsheet (.xlsx)", "opens in Kumu, Excel or LibreOffice"],
  ["kumu-csv", "Kumu CSV (.zip)", "elements and connections, two files"],
  ["kumu-json", "Kumu JSON (.json)", "Kumu's own format"],
  ["gexf", "GEXF (.gexf)", "for Gephi"],
  ["graphml", "GraphML (.graphml)", "for yEd, Cytoscape or networkx"],
  ["graphology", "graphology JSON (.json)", "for Gephi Lite and sigma.js"],
  ["gephi-csv", "Gephi CSV (.zip)", "node and edge tables, two files"],
];

/** Words for the version on show. */
export function versionWords(page: MapPage): string {
  const v = page.asOf;
  if (!v) return page.target.kind === "public" ? "the public view of the map" : "the map as it is now";
  return "at" in v ? `the map as it was on ${longDate(v.at)}` : `the map as saved in the snapshot “${v.snapshot}”`;
}

/** Opens the analysis panel. */
export function openAnalysis(page: MapPage): void {
  resetFigureIds();
  const a = page.data.analysis;
  if (!a) {
    mount(page.side, h("div", { id: "analysis-panel" }, h("h2", {}, "Analysis"), h("p", {}, "The analysis of this map is still being worked out (a large map takes a few seconds the first time); open this panel again when the status line says it is ready.")));
    return;
  }
  const chapters: [string, string, () => Child[]][] = [
    ["membership", "1. Who is in the network", () => membership(page, a)],
    ["care-wealth", "2. Care wealth", () => careWealth(page, a)],
    ["health", "3. Relationship health", () => health(page, a)],
    ["teams", "4. Care teams", () => teams(page, a)],
    ["bridging", "5. Bridging formal and informal care", () => bridging(page, a)],
    ["structure", "6. Network structure", () => structure(page, a)],
  ];
  if (page.target.kind === "member") chapters.push(["change", "7. Change over time", () => change(page)]);
  const empty = !a.membership?.elements;
  const sections = chapters.map(([key, title, body]) => {
    let content: Child[];
    try {
      content = empty && key !== "change"
        ? [para("The map has no elements yet, so there is nothing to count. Add elements, or import a spreadsheet, and the figures appear here.")]
        : body();
    } catch (e) {
      content = [h("p", { class: "error-text" }, `This chapter could not be shown: ${String(e)}`)];
    }
    return h("section", { id: `chapter-${key}`, class: "chapter", "aria-labelledby": `chapter-${key}-title` },
      h("h3", { id: `chapter-${key}-title`, tabindex: "-1" }, title), ...content);
  });
  const toc = h("nav", { class: "toc", "aria-label": "Chapters" },
    ...chapters.map(([key, title]) => h("button", {
      type: "button", class: "link",
      onclick: () => {
        const heading = document.getElementById(`chapter-${key}-title`);
        heading?.scrollIntoView({ block: "start" });
        heading?.focus();
      },
    }, title)),
    h("button", { type: "button", class: "link", onclick: () => { const d = document.getElementById("downloads-title"); d?.scrollIntoView(); d?.focus(); } }, "Downloads"));

  mount(page.side, h("div", { id: "analysis-panel", class: "analysis" },
    h("h2", { id: "analysis-title" }, "Analysis"),
    para(`The analysis of ${versionWords(page)}${a.as_of ? `, which describes the network as of ${longDate(a.as_of)}` : ""}. Every figure is counted from the map.`),
    page.target.kind === "public"
      ? h("p", { class: "hint" }, "This is the public view: people who have not given consent appear by their initials, and private details are left out.")
      : null,
    h("p", { class: "hint" }, "Press a name or a “Show” button to see those elements on the map. “Show all elements” brings everything back."),
    h("div", { class: "sticky-tools" }, showAllButton(page)),
    toc,
    ...sections,
    downloads(page)));
}

// ---- 1. Who is in the network ----

function membership(page: MapPage, a: any): Child[] {
  const m = a.membership;
  const all: Ref[] = (a.elements ?? []).map((e: any) => e.element);
  const present = (m.by_sector as any[]).filter((s) => s.count.count > 0);
  const out: Child[] = [];
  out.push(para(`The map holds ${plural(m.elements, "element")}: ${present.map((s) => `${num(s.count.count)} ${s.sector} (${pct(s.count.share)})`).join(", ") || "none yet"}.`));
  out.push(h("p", { class: "hint" }, "Informal actors give unpaid, gifted care between neighbours; voluntary ones are charities, hubs and social enterprises; formal ones are paid, regulated or statutory care."));
  out.push(barChart(page, "Elements by sector", (m.by_sector as any[]).filter((s) => s.sector !== "unknown" || s.count.count > 0).map((s): Bar => ({
    label: s.sector, value: s.count.count, colour: SECTOR_COLOURS[s.sector] ?? "#7a7a7a",
    text: `${num(s.count.count)} (${pct(s.count.share)})`,
    show: { figure: `sector-${s.sector}`, ids: ids(all.filter((e) => e.sector === s.sector)), what: `the ${s.sector} elements` },
  })), m.elements));
  const colours = palette(page.data, "category");
  out.push(barChart(page, "Elements by category", (m.by_category as any[]).map((c, i): Bar => ({
    label: c.category || "no category", value: c.count.count, colour: colours.get(c.category || "no category") ?? "#7a7a7a",
    text: `${num(c.count.count)} (${pct(c.count.share)})${c.in_vocabulary ? "" : ", not in the map's categories"}`,
    show: { figure: `category-${i}`, ids: ids(all.filter((e) => e.category === c.category)), what: `the elements of the category “${c.category || "none"}”` },
  })), m.elements));
  const teamsAndCircles = [...m.care_teams, ...m.circles] as Ref[];
  out.push(para(
    m.care_teams.length ? `There ${m.care_teams.length === 1 ? "is 1 care team" : `are ${num(m.care_teams.length)} care teams`} (${names(labels(m.care_teams), 6)})` : "There is no care team",
    m.circles.length ? ` and ${plural(m.circles.length, "care circle")} (${names(labels(m.circles), 3)}). ` : " and no care circle. ",
    teamsAndCircles.length ? showButton(page, "care-teams", ids(teamsAndCircles), "the care teams and circles") : null));

  out.push(sub("Who is missing"));
  if (m.missing.length) {
    out.push(para(`Default categories with ${m.few_threshold === 1 ? "one element" : `${m.few_threshold} elements`} or none may show a gap in who is involved, or in what was recorded:`));
    const list = h("ul", { class: "facts" });
    (m.missing as any[]).forEach((miss, i) => {
      const members = all.filter((e) => e.category === miss.category);
      if (miss.count === 0) {
        list.append(h("li", {}, `No ${miss.category} (${miss.sector}) is on the map.`));
      } else {
        list.append(h("li", {}, `Only ${plural(miss.count, miss.category, miss.category)} (${miss.sector}): ${names(labels(members))}. `,
          showButton(page, `missing-${i}`, members.flatMap((e) => withNeighbours(page, e.id)), `the ${miss.category} and its neighbours`, "Show with its neighbours")));
      }
    });
    out.push(list);
  } else {
    out.push(para(`Every default category has more than ${plural(m.few_threshold, "element")}.`));
  }
  if (m.unlinked_sectors.length) {
    out.push(para(...(m.unlinked_sectors as [string, string][]).map(([x, y]) => `No connection joins ${x} and ${y} actors: the two sides do not meet on this map. `)));
  } else {
    out.push(para("Every pair of sectors that has elements is joined by at least one connection."));
  }
  return out;
}

// ---- 2. Care wealth ----

function careWealth(page: MapPage, a: any): Child[] {
  const cw = a.care_wealth;
  const net = page.data.network;
  const out: Child[] = [];
  const offering = net.elements.filter((e: any) => e.care_types?.length).map((e: any) => e.id);
  out.push(para(`${countOf(cw.offering_care)} elements offer at least one kind of care. `,
    offering.length ? showButton(page, "offering-care", offering, "the elements offering care") : null));
  const carrying = net.connections.filter((c: any) => c.care_flowing?.length);
  if (!cw.connections_carrying_care.of) out.push(para("There are no connections yet, so no care flows between elements."));
  else out.push(para(`${countOf(cw.connections_carrying_care)} connections carry care (at least one kind of care flows along them). `,
    carrying.length ? showButton(page, "carrying-care", ends(page, carrying.map((c: any) => c.id)), "the elements joined by connections carrying care") : null));
  const n = cw.connections_carrying_care.count;
  if (n) {
    out.push(para(`Of those, ${num(cw.gifted.count)} (${pct(cw.gifted.share)}) are gifted, unpaid care; ${num(cw.paid.count)} (${pct(cw.paid.share)}) are paid; for ${num(cw.payment_unknown.count)} (${pct(cw.payment_unknown.share)}) it is not recorded whether the care is gifted or paid.`));
    const byPay = (want: boolean | null) => ends(page, carrying.filter((c: any) => (want === null ? c.paid === undefined || c.paid === null : c.paid === want)).map((c: any) => c.id));
    out.push(barChart(page, "Connections carrying care: gifted or paid", [
      { label: "gifted", value: cw.gifted.count, colour: "#2d8a6e", text: `${num(cw.gifted.count)} (${pct(cw.gifted.share)})`, show: { figure: "gifted", ids: byPay(false), what: "the elements joined by gifted care" } },
      { label: "paid", value: cw.paid.count, colour: "#2f5db8", text: `${num(cw.paid.count)} (${pct(cw.paid.share)})`, show: { figure: "paid", ids: byPay(true), what: "the elements joined by paid care" } },
      { label: "not recorded", value: cw.payment_unknown.count, colour: "#7a7a7a", text: `${num(cw.payment_unknown.count)} (${pct(cw.payment_unknown.share)})`, show: { figure: "payment-unknown", ids: byPay(null), what: "the elements joined by care not recorded as gifted or paid" } },
    ], n));
  }
  const offeredBy = (type: string) => {
    const key = looseName(type);
    return net.elements.filter((e: any) => (e.care_types ?? []).some((t: string) => looseName(t) === key)).map((e: any) => e.id);
  };
  const flowingOn = (type: string) => {
    const key = looseName(type);
    return ends(page, net.connections.filter((c: any) => (c.care_flowing ?? []).some((t: string) => looseName(t) === key)).map((c: any) => c.id));
  };
  const offerBars = (cw.by_offer as any[]).map((t, i): Bar => ({
    label: t.care_type, value: t.offered_by, colour: "#1f6f8b", text: `offered by ${num(t.offered_by)}`,
    show: { figure: `offer-${i}`, ids: offeredBy(t.care_type), what: `the elements offering ${t.care_type}` },
  }));
  const flowBars = (cw.by_flow as any[]).map((t, i): Bar => ({
    label: t.care_type, value: t.flowing_on, colour: "#b5502b", text: `on ${plural(t.flowing_on, "connection")}`,
    show: { figure: `flow-${i}`, ids: flowingOn(t.care_type), what: `the elements joined by ${t.care_type}` },
  }));
  if (offerBars.length) {
    out.push(para(`${plural(cw.by_offer.length, "kind")} of care appear on the map. The most offered is ${cw.by_offer[0].care_type} (by ${plural(cw.by_offer[0].offered_by, "element")}); the one that flows along the most connections is ${cw.by_flow[0].care_type} (${plural(cw.by_flow[0].flowing_on, "connection")}).`));
    out.push(chartWithMore(page, "Care types most offered (by elements)", offerBars, 8));
    out.push(chartWithMore(page, "Care types most flowing (along connections)", flowBars, 8));
  } else {
    out.push(para("No care type is recorded yet, offered or flowing."));
  }
  out.push(cw.unused_care_types.length
    ? para(`Nobody offers, and no connection carries: ${names(cw.unused_care_types, 8)}.`)
    : para("Every care type of the map's list is offered or flowing somewhere."));
  const providers = (list: any[], kind: string) => firstAndMore(list, 12, (p: any, i: number) => {
      const provs = p.providers as any[];
      if (!provs.length) return h("li", {}, `Nobody is recorded as providing care to ${p.recipient.label}.`);
      const sectors = ["informal", "voluntary", "formal", "unknown"].map((s) => [s, provs.filter((x) => x.element.sector === s).length] as const).filter(([, c]) => c > 0);
      const gifted = provs.filter((x) => x.paid === false).length;
      const paid = provs.filter((x) => x.paid === true).length;
      return h("li", {},
        h("strong", {}, p.recipient.label), ` receives care from ${plural(provs.length, "provider")} (${sectors.map(([s, c]) => `${c} ${s}`).join(", ")}; ${gifted} gifted, ${paid} paid): ${names(provs.map((x) => x.element.label), 4)}. `,
        showButton(page, `to-${kind}-${i}`, [p.recipient.id, ...provs.map((x) => x.element.id)], `${p.recipient.label} and who provides care to it`, "Show them"));
    }, () => h("ul", { class: "facts" }), kind === "team" ? "teams" : "circles");
  if (cw.to_teams.length) {
    out.push(sub("Care reaching each care team"));
    out.push(...providers(cw.to_teams, "team"));
  }
  if (cw.to_circles.length) {
    out.push(sub("Care reaching the care circle"));
    out.push(...providers(cw.to_circles, "circle"));
  }
  return out;
}

/** A chart of the first `first` bars, the rest behind "all". */
function chartWithMore(page: MapPage, title: string, bars: Bar[], first: number): HTMLElement {
  const top = Math.max(1, ...bars.map((b) => b.value));
  const wrap = h("div", {}, barChart(page, title, bars.slice(0, first), top));
  if (bars.length > first) {
    wrap.append(h("details", { class: "more" }, h("summary", {}, `The other ${bars.length - first}`), barChart(page, `${title}, continued`, bars.slice(first), top)));
  }
  return wrap;
}

// ---- 3. Relationship health ----

function health(page: MapPage, a: any): Child[] {
  const hl = a.health;
  const net = page.data.network;
  const out: Child[] = [];
  if (!hl.connections) return [para("There are no connections yet, so there is nothing to say about their health.")];
  out.push(para(`Of ${plural(hl.connections, "connection")}, ${num(hl.generative.count)} (${pct(hl.generative.share)}) are generative: active, reciprocal relationships through which care actually flows.`));
  out.push(para(`${num(hl.active.count)} (${pct(hl.active.share)}) are active (generative or engaged); ${num(hl.weak.count)} (${pct(hl.weak.share)}) are weak (loosely engaged or inactive); ${num(hl.unclassified.count)} (${pct(hl.unclassified.share)}) are not yet assessed, which counts as not known, never as weak.`));
  const withStatus = (status: string) => ends(page, net.connections.filter((c: any) => (c.status ?? "unclassified") === status).map((c: any) => c.id));
  out.push(barChart(page, "Connections by status", (hl.by_status as any[]).map((s): Bar => ({
    label: STATUS_WORDS[s.status] ?? s.status, value: s.count.count, colour: STATUS_BAR[s.status],
    text: `${num(s.count.count)} (${pct(s.count.share)})`,
    show: { figure: `status-${s.status}`, ids: withStatus(s.status), what: `the elements joined by ${STATUS_WORDS[s.status]} connections` },
  })), hl.connections));
  out.push(para(`Of the ${plural(hl.generative_of_assessed.of, "connection")} assessed so far, ${pct(hl.generative_of_assessed.share)} are generative.`));
  out.push(para(`${countOf(hl.mutual)} connections are recorded as mutual (care runs both ways). `,
    hl.reciprocated.of ? `Of the ${plural(hl.reciprocated.of, "one-way connection")}, ${num(hl.reciprocated.count)} (${pct(hl.reciprocated.share)}) are answered by a connection the other way.` : ""));

  out.push(sub("Stretched thin"));
  out.push(h("p", { class: "hint" }, `An element is stretched thin when it has at least ${hl.stretched_min_weak} weak ties and more than twice as many weak ties as generative ones: many thin ties, few that carry care.`));
  const stretched = hl.stretched as any[];
  if (stretched.length) {
    out.push(para(`${stretched.length === 1 ? "1 element is" : `${num(stretched.length)} elements are`} stretched thin: `,
      names(stretched.map((s) => `${s.element.label} (${s.weak} weak, ${s.generative} generative)`), 6), ". ",
      showButton(page, "stretched", stretched.map((s) => s.element.id), "the elements stretched thin", "Show them")));
  } else {
    out.push(para("No element is stretched thin."));
  }

  const deep = (hl.depth_breadth as any[]).slice(0, 8);
  if (deep.length) {
    out.push(sub("Depth against breadth"));
    out.push(para("For the elements with the most ties: how many are deep (generative) and how many loose (weak). Depth is generative ties over generative plus weak ones."));
    const list = h("ul", { class: "depth" });
    deep.forEach((d, i) => {
      list.append(h("li", {},
        h("span", { class: "bar-words" },
          showButton(page, `depth-${i}`, withNeighbours(page, d.element.id), `${d.element.label} and its ties`, d.element.label, "link bar-label"),
          h("span", { class: "bar-value" }, `${d.total} ties${d.depth === null ? "" : `, depth ${pct(d.depth)}`}`)),
        statusStack([
          { status: "generative", count: { count: d.generative } },
          { status: "engaged", count: { count: d.engaged } },
          { status: "loosely_engaged", count: { count: d.weak } },
          { status: "unclassified", count: { count: d.unclassified } },
        ], `${d.element.label}: ${d.generative} generative, ${d.engaged} engaged, ${d.weak} weak, ${d.unclassified} not assessed`)));
    });
    out.push(list);
    out.push(h("p", { class: "hint" }, "In these bars, the light green part counts all weak ties (loosely engaged or inactive)."));
  }
  if (hl.left_out_connections) {
    out.push(para(`${plural(hl.left_out_connections, "connection")} ${hl.left_out_connections === 1 ? "was" : "were"} left out of every count: ${hl.left_out_connections === 1 ? "it loops" : "they loop"} back to the same element or name an element that is not on the map.`));
  }
  return out;
}

// ---- 4. Care teams ----

const ISOLATION: Record<string, string> = {
  isolated: "It has no connections at all: it is isolated.",
  no_active_ties: "None of its ties is active (generative or engaged): it is cut off in practice.",
  formal_only: "Its active ties reach only formal actors: no informal or voluntary support is live.",
  connected: "Its active ties reach informal or voluntary actors: it is woven into the community.",
};

function teams(page: MapPage, a: any): Child[] {
  const t = a.teams;
  if (!t.teams.length) return [para("The map has no care team (no element of the category “care team”).")];
  const out: Child[] = [];
  const cut = (t.teams as any[]).filter((x) => x.isolation !== "connected");
  out.push(para(`The map has ${plural(t.teams.length, "care team")}; ${plural(t.team_to_team_links, "connection")} join${t.team_to_team_links === 1 ? "s" : ""} one team to another. `,
    cut.length ? `${names(cut.map((x) => x.team.label))} ${cut.length === 1 ? "has" : "have"} no live tie to informal or voluntary actors.` : "Every team has a live tie to informal or voluntary actors."));
  out.push(...firstAndMore(t.teams as any[], 12, (team: any, i: number) => {
    const flowing = (team.care_flowing_in as [string, number][]);
    return h("article", { class: "team-card", "aria-labelledby": `team-${i}-title` },
      h("h4", { id: `team-${i}-title` }, team.team.label, " ", h("span", { class: `badge iso-${team.isolation}` }, team.isolation.replace(/_/g, " "))),
      statusStack(team.by_status, `${team.team.label}'s connections by status`),
      para(`${plural(team.connections, "connection")}. Linked to ${team.informal_links} informal, ${team.voluntary_links} voluntary and ${team.formal_links} formal actors${team.unknown_links ? ` (and ${team.unknown_links} of unknown sector)` : ""}; active ties with ${plural(team.active_community_links, "community actor")} (informal or voluntary).`),
      para(ISOLATION[team.isolation] ?? ""),
      para(flowing.length ? `Care reaching it: ${names(flowing.map(([name, n]) => `${name} (${n})`), 4)}.` : "No care type is recorded as flowing to it."),
      para(team.linked_teams.length ? `Linked to other teams: ${names(labels(team.linked_teams))}.` : "Not linked to any other team."),
      showButton(page, `team-${i}`, withNeighbours(page, team.team.id), `${team.team.label} and its ties`, "Show the team and its ties"));
  }, () => h("div", { class: "team-cards" }), "teams"));
  return out;
}

// ---- 5. Bridging ----

function bridging(page: MapPage, a: any): Child[] {
  const b = a.bridging;
  const net = page.data.network;
  const sectorOf = page.data.sectorOf;
  const out: Child[] = [];
  if (!a.health.connections) return [para("There are no connections yet, so nothing joins the sectors: no brokers, no bridges, no introductions to suggest.")];
  const cross = b.cross_sector.count;
  const activeCross = (b.cross_sector_by_status as any[]).filter((s) => s.status === "generative" || s.status === "engaged").reduce((t, s) => t + s.count.count, 0);
  out.push(para(`${countOf(b.cross_sector)} connections cross sectors: they join informal, voluntary and formal actors to one another. `,
    cross ? `${num(activeCross)} of them (${pct(activeCross / cross)}) are active.` : ""));
  if (cross) out.push(statusStack(b.cross_sector_by_status, "Cross-sector connections by status"));
  const between = (x: string, y: string) => ends(page, net.connections.filter((c: any) => {
    const s = sectorOf.get(c.from), t = sectorOf.get(c.to);
    return (s === x && t === y) || (s === y && t === x);
  }).map((c: any) => c.id));
  out.push(barChart(page, "Connections between sectors", (b.sector_pairs as any[]).map((p): Bar => ({
    label: `${p.a} – ${p.b}`, value: p.connections, colour: "#4a4a9c",
    text: `${num(p.connections)} (${num(p.active)} active, ${num(p.generative)} generative)`,
    show: { figure: `pair-${p.a}-${p.b}`, ids: between(p.a, p.b), what: `the elements joined across ${p.a} and ${p.b}` },
  }))));
  out.push(para(`${countOf(b.formal_informal)} connections join a formal and an informal actor directly: where paid and gifted care meet. `,
    b.formal_informal.count ? showButton(page, "formal-informal", between("formal", "informal"), "the elements joined across the formal-informal divide") : null));

  out.push(sub("Brokers"));
  const brokers = b.brokers as any[];
  if (brokers.length) {
    const top = brokers.slice(0, 6);
    out.push(para(`A broker has ties to elements of another sector. ${brokers.length === 1 ? "1 element is a broker" : `${num(brokers.length)} elements are brokers`}; those with the most cross-sector ties:`));
    const ol = h("ol", { class: "facts" });
    for (const k of top) {
      ol.append(h("li", {}, h("strong", {}, k.element.label),
        `: ${plural(k.cross_sector_ties, "cross-sector tie")} (${k.active_cross_sector_ties} active), reaching ${names(k.sectors_reached)}; on ${pct(k.betweenness)} of shortest paths between others${k.articulation_point ? "; if it left, the network would split" : ""}.`));
    }
    out.push(ol);
    out.push(h("p", { class: "buttons" },
      showButton(page, "brokers", top.map((k) => k.element.id), "the main brokers", `Show these ${top.length}`),
      brokers.length > top.length ? showButton(page, "brokers-all", brokers.map((k) => k.element.id), "every broker", `Show all ${brokers.length} brokers`) : null));
  } else {
    out.push(para("No element has a tie to another sector: there are no brokers."));
  }

  out.push(sub("If one element left"));
  const cuts = b.articulation_points as any[];
  if (cuts.length) {
    out.push(para(`${cuts.length === 1 ? "1 element holds" : `${num(cuts.length)} elements hold`} parts of the network together: if one left, others would lose their only link to the rest.`));
    const ul = h("ul", { class: "facts" });
    for (const c of cuts.slice(0, 6)) ul.append(h("li", {}, h("strong", {}, c.element.label), `: ${plural(c.would_cut_off, "element")} would be cut off (its part would split in ${c.parts}).`));
    if (cuts.length > 6) ul.append(h("li", {}, `and ${cuts.length - 6} more.`));
    out.push(ul, showButton(page, "cut-points", cuts.map((c) => c.element.id), "the elements whose leaving would split the network", "Show them"));
  } else {
    out.push(para("No single element's leaving would split the network."));
  }
  const bridges = b.bridges as any[];
  if (bridges.length) {
    out.push(para(`${bridges.length === 1 ? "1 connection is" : `${num(bridges.length)} connections are`} the only link between two parts: if ${bridges.length === 1 ? "it" : "one"} ended, the network would split. `,
      names(bridges.map((c) => `${c.from.label} – ${c.to.label} (${STATUS_WORDS[c.status] ?? c.status})`), 4), ". ",
      showButton(page, "bridges", bridges.flatMap((c) => [c.from.id, c.to.id]), "the ends of the connections that hold the network together", "Show them")));
  } else {
    out.push(para("No single connection's ending would split the network."));
  }

  out.push(sub("Statutory services"));
  const stat = b.statutory as any[];
  if (stat.length) {
    const tied = stat.filter((s) => s.active_to_community > 0).length;
    out.push(para(`${stat.length === 1 ? "1 statutory service is" : `${num(stat.length)} statutory services are`} on the map; ${tied} of them ${tied === 1 ? "has" : "have"} an active tie to a community actor (informal or voluntary).`));
    out.push(...firstAndMore(stat, 12, (s: any) => h("li", {}, h("strong", {}, s.element.label),
      s.connections ? `: ${plural(s.connections, "connection")}, ${s.active ? `${s.active} active` : "none active"}; ${s.to_community ? `${s.to_community} to community actors (${s.active_to_community} active)` : "none to community actors"}.` : ": no connection at all."),
    () => h("ul", { class: "facts" }), "services"), showButton(page, "statutory", stat.flatMap((s) => withNeighbours(page, s.element.id)), "the statutory services and their ties", "Show them and their ties"));
  } else {
    out.push(para("The map has no statutory service (NHS, council, commissioned social care): the usual gap."));
  }

  out.push(sub("Suggested introductions"));
  const intros = b.introductions as any[];
  if (intros.length) {
    out.push(para("Pairs not yet connected who share a trusted contact (a generative or engaged tie to both), best first:"));
    const ol = h("ol", { class: "intros" });
    intros.forEach((x, i) => {
      ol.append(h("li", {},
        h("strong", {}, `${x.a.label} and ${x.b.label}`),
        x.crosses_formal_informal ? h("span", { class: "badge" }, "formal and informal") : null,
        h("p", {}, x.reason),
        showButton(page, `introduction-${i}`, [x.a.id, x.b.id, ...ids(x.via)], `${x.a.label}, ${x.b.label} and who could introduce them`, "Show them and who could introduce them")));
    });
    out.push(ol);
  } else {
    out.push(para("No introductions to suggest: no two unconnected elements share a trusted contact."));
  }
  if (b.unknown_sector_connections) {
    out.push(para(`${plural(b.unknown_sector_connections, "connection")} touch${b.unknown_sector_connections === 1 ? "es" : ""} an element of unknown sector and ${b.unknown_sector_connections === 1 ? "is" : "are"} left out of the cross-sector figures.`));
  }
  return out;
}

// ---- 6. Structure ----

const METRICS: [string, string, string][] = [
  ["degree", "connections (degree)", "how many others it is directly linked to"],
  ["in_degree", "connections arriving (in-degree)", "how many have a connection towards it"],
  ["out_degree", "connections leaving (out-degree)", "how many it has a connection towards"],
  ["betweenness", "brokerage (betweenness)", "the share of shortest paths between others that pass through it"],
  ["closeness", "closeness", "how near it is to everyone else (1 is next to all)"],
  ["pagerank", "influence (PageRank)", "how much care and contact runs towards it through well-connected others; all add up to 1"],
  ["eigenvector", "well-connectedness (eigenvector)", "how much it is linked to elements that are themselves well linked"],
  ["two_step_reach", "reach in two steps", "how many elements it reaches through at most one go-between"],
  ["clustering", "clustering", "the share of its contacts who know each other"],
  ["core_number", "core (k-core)", "the largest k such that it sits in a part where everyone has at least k links"],
];

function structure(page: MapPage, a: any): Child[] {
  const s = a.structure;
  const out: Child[] = [];
  out.push(para(`${plural(s.elements, "element")} and ${plural(s.connections, "connection")}, between ${plural(s.linked_pairs, "linked pair")}. The density is ${pct(s.density)}: of all the pairs of elements that could be linked, ${pct(s.density)} are.`));
  const comps = s.components as any[];
  if (!s.connections) {
    out.push(para("There are no connections yet: every element stands alone."));
  } else if (comps.length <= 1) {
    out.push(para("Everyone is connected: the network is in one piece."));
  } else {
    out.push(para(`The network is in ${num(comps.length)} separate parts; the largest holds ${plural(comps[0].size, "element")} (${pct(comps[0].size / Math.max(1, s.elements))}).`));
    out.push(barChart(page, "Parts of the network (components)", comps.slice(0, 8).map((c, i): Bar => ({
      label: i === 0 ? "the largest part" : c.size === 1 ? `alone: ${c.members[0]?.label}` : `part ${i + 1}: ${names(labels(c.members), 2)}`,
      value: c.size, colour: "#2d8a6e", text: plural(c.size, "element"),
      show: { figure: `component-${i}`, ids: ids(c.members), what: i === 0 ? "the largest part of the network" : `part ${i + 1} of the network` },
    }))));
  }
  if (s.isolates.length) {
    out.push(para(`${s.isolates.length === 1 ? "1 element has" : `${num(s.isolates.length)} elements have`} no connection at all: ${names(labels(s.isolates))}. `,
      showButton(page, "isolates", ids(s.isolates), "the elements with no connection", "Show them")));
  }
  if (s.linked_pairs) {
    out.push(para(`The two farthest connected elements are ${plural(s.diameter, "step")} apart${s.distances_estimated ? " (at least: estimated)" : ""}; on average, ${(Number(s.average_path_length) || 0).toFixed(1)} steps separate two connected elements${s.distances_estimated ? " (estimated from a sample)" : ""}.`));
    out.push(para(`When two elements share a contact, they are linked to each other ${pct(s.transitivity)} of the time (transitivity); on average, ${pct(s.average_clustering)} of an element's contacts know each other (average clustering).`));
  }
  const communities = s.communities as any[];
  if (communities.length) {
    out.push(para(`Community detection (Louvain, seed ${s.seed}: the same map always gives the same result) finds ${plural(communities.length, "community", "communities")}: groups more linked among themselves than to the rest. Modularity is ${(Number(s.modularity) || 0).toFixed(2)}${s.modularity >= 0.3 ? ", a clear structure" : ", a weak structure"}.`));
    const colours = palette(page.data, "community");
    out.push(chartWithMore(page, "Communities", communities.map((c, i): Bar => ({
      label: `community ${c.id + 1}`, value: c.members.length, colour: colours.get(`community ${c.id + 1}`) ?? "#4a4a9c",
      text: `${plural(c.members.length, "element")}: ${names(labels(c.members), 2)}`,
      show: { figure: `community-${i}`, ids: ids(c.members), what: `community ${c.id + 1}` },
    })), 6));
  }
  const keys = s.key_connectors as any[];
  if (keys.length) {
    out.push(sub("Key connectors"));
    out.push(para("The elements others depend on most:"));
    const ol = h("ol", { class: "facts" });
    for (const k of keys) ol.append(h("li", {}, h("strong", {}, k.element.label), `: ${k.reason}.`));
    out.push(ol, showButton(page, "key-connectors", keys.map((k) => k.element.id), "the key connectors", "Show them"));
  }
  const method = s.betweenness;
  out.push(h("p", { class: "hint" }, method?.method === "sampled"
    ? `Brokerage (betweenness) was estimated from a sample of ${num(method.samples)} ${method.algorithm === "sources" ? "elements" : "shortest paths"}: every value is within ${method.error_bound} of the exact one with ${pct(method.confidence)} confidence.`
    : "Brokerage (betweenness) was computed exactly."));
  out.push(sub("Every element's figures"));
  out.push(ranking(page, a));
  return out;
}

/** The elements ranked by one metric, chosen from a list. */
function ranking(page: MapPage, a: any): HTMLElement {
  const select = h("select", { id: "rank-by", "aria-describedby": "rank-meaning" },
    ...METRICS.map(([key, name]) => h("option", { value: key }, name)));
  const meaning = h("p", { id: "rank-meaning", class: "hint" });
  const table = h("table", { id: "rank-table", class: "rank" });
  const showTop = h("p", { class: "buttons" });
  const fmt = (key: string, v: number) => (["degree", "in_degree", "out_degree", "two_step_reach", "core_number"].includes(key) ? num(v)
    : key === "pagerank" || key === "eigenvector" ? v.toFixed(3) : pct(v));
  const draw = () => {
    const key = select.value;
    const [, name, words] = METRICS.find(([k]) => k === key)!;
    meaning.textContent = `${name[0].toUpperCase()}${name.slice(1)}: ${words}.`;
    const rows = [...(a.elements as any[])].sort((x, y) => (Number(y[key]) || 0) - (Number(x[key]) || 0) || String(x.element.label).localeCompare(y.element.label)).slice(0, 10);
    mount(table,
      h("caption", {}, `The 10 elements with the highest ${name}`),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "#"), h("th", { scope: "col" }, "Element"), h("th", { scope: "col" }, name))),
      h("tbody", {}, ...rows.map((r, i) => h("tr", {},
        h("td", {}, String(i + 1)),
        h("td", {}, page.graph.hasNode(r.element.id)
          ? h("button", { type: "button", class: "link", onclick: () => page.select(r.element.id) }, r.element.label)
          : r.element.label),
        h("td", { class: "num" }, fmt(key, Number(r[key]) || 0))))));
    mount(showTop, showButton(page, `top-${key}`, rows.map((r) => r.element.id), `the 10 elements with the highest ${name}`, "Show these 10"));
  };
  select.addEventListener("change", draw);
  draw();
  return h("div", { class: "ranking" }, h("label", { for: "rank-by" }, "Rank elements by"), select, meaning, table, showTop,
    h("p", { class: "hint" }, "Pressing a name opens its profile; the list view and the table carry every element."));
}

// ---- 7. Change (members) ----

function change(page: MapPage): Child[] {
  return [
    para("Who joined and who left, and which ties strengthened or weakened between two dates or snapshots, are in the Time panel: compare two versions there and the changes are marked on the map."),
    h("button", { type: "button", id: "analysis-open-time", onclick: () => openTime(page) }, "Open the Time panel"),
  ];
}

// ---- Downloads ----

function downloads(page: MapPage): HTMLElement {
  const out = h("section", { id: "downloads", class: "chapter", "aria-labelledby": "downloads-title" },
    h("h3", { id: "downloads-title", tabindex: "-1" }, "Downloads"));
  const t = page.target;
  if (t.kind === "public") {
    out.append(
      para(h("a", { id: "download-report", href: `/public/${t.slug}/report`, target: "_blank", rel: "noopener" }, "The full report (a web page)"),
        ": every chapter with its figures and charts, made from this public view. Your browser can print it or save it as a PDF."),
      h("p", { class: "hint" }, "Downloads of the map's data are for members of the map."));
    return out;
  }
  const slug = page.detail?.public_slug;
  out.append(sub("The report"));
  if (slug) {
    out.append(
      para(h("a", { id: "download-report", href: `/public/${slug}/report`, target: "_blank", rel: "noopener" }, "The report of the public view (a web page)"),
        ": every chapter with its figures and charts. It is made from the published, public view, so people who have not given consent appear by their initials. Your browser can print it or save it as a PDF."),
      h("p", { class: "hint" }, "For the full report with every name, download the map as caremap JSON below and run ", h("code", {}, "caremap report map.json -o report.html"), " on the command line."));
  } else {
    out.append(para("The full HTML report is made on the command line: download the map as caremap JSON below, then run ",
      h("code", {}, "caremap report map.json -o report.html"),
      ". Publishing the map (Share) also gives a report page of its public view."));
  }
  out.append(sub("The map's data"));
  const v = page.asOf;
  const version = !v ? "" : "at" in v ? `&at=${encodeURIComponent(v.at)}` : `&snapshot=${encodeURIComponent(v.snapshot)}`;
  if (v) out.append(para(`These files hold ${versionWords(page)}.`));
  const list = h("ul", { class: "downloads" });
  for (const [format, name, words] of EXPORTS) {
    list.append(h("li", {}, h("a", { id: `export-${format}`, href: `/api/v1/maps/${t.id}/export?format=${format}${version}`, download: "" }, name), `: ${words}`));
  }
  out.append(list);
  return out;
}
