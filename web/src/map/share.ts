// Sharing: publish a read-only public view (redacted by the server) and copy its embed code.

import { ApiError, del, put } from "../api";
import { h, mount, say } from "../dom";
import type { MapPage } from "./view";
import { copyText } from "./figures";

/** A link name made from the map's name: lower-case letters, digits and dashes. */
function suggestSlug(name: string): string {
  const s = name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/g, "");
  return s.length >= 3 ? s : `${s || "map"}-care-map`;
}

/** What is wrong with a link name, or null. */
function slugProblem(slug: string): string | null {
  if (slug.length < 3 || slug.length > 64) return "The link name needs 3 to 64 characters.";
  if (!/^[a-z0-9-]+$/.test(slug)) return "Use only lower-case letters (a to z), digits and dashes.";
  if (slug.startsWith("-") || slug.endsWith("-")) return "The link name cannot start or end with a dash.";
  return null;
}

/** Text for an HTML attribute (the map's name goes into the embed code). */
function attr(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function embedCode(slug: string, name: string): string {
  return `<iframe src="${location.origin}/embed/${slug}" width="800" height="600" title="${attr(`Care map: ${name}`)}" loading="lazy" style="border:1px solid #c9d3d6"></iframe>`;
}

/** Opens the sharing panel (owners). */
export function openShare(page: MapPage): void {
  if (page.target.kind !== "member" || page.detail?.role !== "owner") {
    mount(page.side, h("div", { id: "share-panel" }, h("h2", {}, "Share"), h("p", {}, "Only an owner of the map can publish it.")));
    return;
  }
  const mapNo = page.target.id;
  const slug: string | null = page.detail?.public_slug ?? null;
  const name = page.data.network.name ?? "care map";

  const hides = h("section", { class: "share-hides", "aria-labelledby": "share-hides-title" },
    h("h3", { id: "share-hides-title" }, "What the public view shows and hides"),
    h("ul", { class: "facts" },
      h("li", {}, "Anyone with the link can see the map, its list and its analysis, without signing in. No one can change anything there."),
      h("li", {}, "People (active citizens and care workers) who have not given consent appear only by their display name or their initials, such as “R. M.”; their names are also taken out of other descriptions."),
      h("li", {}, "No contact details (email, postal address, picture) and no custom fields are shown, for anyone. People also lose their description, tags, location and dates."),
      h("li", {}, "Groups, organisations, teams and services keep their name, description and web address. Connections keep their status and the care flowing, but not their custom fields."),
      h("li", {}, "The map's history and snapshots stay private.")),
    h("p", { class: "hint" }, "The server removes all this before anything is sent: the public page never receives it."));

  const input = h("input", { id: "publish-slug", type: "text", value: slug ?? suggestSlug(name), required: true, minlength: "3", maxlength: "64", pattern: "[a-z0-9\\-]+", autocomplete: "off", spellcheck: "false", "aria-describedby": "publish-slug-hint publish-message" });
  const message = h("p", { id: "publish-message", role: "status" });
  const publish = h("button", { type: "submit", id: "publish", class: "primary" }, slug ? "Change the link name" : "Publish");
  const form = h("form", { class: "publish-form", novalidate: true },
    h("label", { for: "publish-slug" }, "Link name"),
    h("div", { class: "row" }, h("span", { class: "hint url-prefix" }, `${location.origin}/public/`), input),
    h("p", { id: "publish-slug-hint", class: "hint" }, "3 to 64 lower-case letters, digits and dashes. It becomes part of the public address."),
    h("div", { class: "row" }, publish), message);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const wanted = input.value.trim();
    const problem = slugProblem(wanted);
    if (problem) {
      message.textContent = problem;
      message.className = "error-text";
      input.setAttribute("aria-invalid", "true");
      input.focus();
      return;
    }
    input.removeAttribute("aria-invalid");
    publish.disabled = true;
    try {
      const answer = await put(`/api/v1/maps/${mapNo}/sharing`, { slug: wanted });
      page.detail = { ...page.detail, public_slug: answer.slug, public_url: answer.public_url, embed_url: answer.embed_url };
      openShare(page);
      say(slug ? `The public link is now ${location.origin}${answer.public_url}; the old link no longer works.` : `Published: anyone with the link ${location.origin}${answer.public_url} can see the map.`);
      document.getElementById("public-link")?.focus();
    } catch (e) {
      message.textContent = e instanceof ApiError && e.status === 409
        ? `The link name “${wanted}” is taken by another map: choose another.`
        : e instanceof ApiError ? e.message : String(e);
      message.className = "error-text";
      input.setAttribute("aria-invalid", "true");
    } finally {
      publish.disabled = false;
    }
  });

  let published: HTMLElement | null = null;
  if (slug) {
    const link = `${location.origin}/public/${slug}`;
    const code = embedCode(slug, name);
    const linkField = h("input", { id: "public-link-field", type: "text", readonly: true, value: link, "aria-label": "Public link" });
    const codeField = h("textarea", { id: "embed-code", readonly: true, rows: "5", "aria-describedby": "embed-hint" }, code);
    const copy = (text: string, field: HTMLInputElement | HTMLTextAreaElement, what: string) => async () => {
      const done = await copyText(text, field);
      say(done ? `Copied the ${what}.` : `Select the ${what} and copy it with Ctrl+C (or ⌘+C).`, done ? "info" : "error");
    };
    const confirmBox = h("div", { id: "unpublish-confirm-box", class: "confirm", hidden: true },
      h("p", {}, "Stop publishing? The link, its report and the embedded picture will answer “not found” for everyone."),
      h("div", { class: "row" },
        h("button", { type: "button", id: "unpublish-confirm", class: "danger", onclick: async () => {
          try {
            await del(`/api/v1/maps/${mapNo}/sharing`);
            page.detail = { ...page.detail, public_slug: null, public_url: null, embed_url: null };
            openShare(page);
            say("The map is no longer published.");
            document.getElementById("publish-slug")?.focus();
          } catch (e) {
            say(e instanceof ApiError ? `Not unpublished: ${e.message}` : "Not unpublished.", "error");
          }
        } }, "Yes, stop publishing"),
        h("button", { type: "button", id: "unpublish-cancel", onclick: () => { confirmBox.hidden = true; document.getElementById("unpublish")?.focus(); } }, "Keep it published")));
    published = h("section", { class: "share-live", "aria-labelledby": "share-live-title" },
      h("h3", { id: "share-live-title" }, "Published"),
      h("p", {}, "The map is published at ", h("a", { id: "public-link", href: link, target: "_blank", rel: "noopener" }, link), "."),
      h("label", { for: "public-link-field" }, "Public link"),
      h("div", { class: "row" }, linkField, h("button", { type: "button", id: "copy-link", onclick: copy(link, linkField, "public link") }, "Copy the link")),
      h("label", { for: "embed-code" }, "Embed code"),
      codeField,
      h("p", { id: "embed-hint", class: "hint" }, "Paste this into a web page to show a picture of the public map there."),
      h("div", { class: "row" },
        h("button", { type: "button", id: "copy-embed", onclick: copy(code, codeField, "embed code") }, "Copy the embed code"),
        h("a", { href: `/embed/${slug}`, target: "_blank", rel: "noopener", id: "embed-preview" }, "Preview the picture"),
        h("a", { href: `/public/${slug}/report`, target: "_blank", rel: "noopener", id: "public-report" }, "Public report")),
      h("div", { class: "row" },
        h("button", { type: "button", id: "unpublish", class: "danger", onclick: () => { confirmBox.hidden = false; document.getElementById("unpublish-confirm")?.focus(); } }, "Stop publishing")),
      confirmBox);
  }

  mount(page.side, h("div", { id: "share-panel" },
    h("h2", {}, "Share"),
    h("p", {}, slug ? "This map has a read-only public view." : "Publish a read-only public view of this map, to share with anyone or to embed in a web page."),
    published,
    h("section", { "aria-labelledby": "share-form-title" }, h("h3", { id: "share-form-title" }, slug ? "Change the link name" : "Publish"), form),
    hides));
}
