// The login page.

import { ApiError, post, setCsrf } from "../api";
import { h, mount } from "../dom";
import { route } from "../main";

export function loginView(app: HTMLElement): void {
  const email = h("input", { id: "email", type: "email", name: "email", autocomplete: "username", required: true });
  const password = h("input", { id: "password", type: "password", name: "password", autocomplete: "current-password", required: true });
  const message = h("p", { id: "login-message", role: "alert", class: "error-text" });
  const form = h(
    "form",
    { class: "card narrow", "aria-labelledby": "login-title" },
    h("h1", { id: "login-title" }, "Sign in to caremap"),
    h("label", { for: "email" }, "Email"),
    email,
    h("label", { for: "password" }, "Password"),
    password,
    message,
    h("button", { type: "submit", class: "primary" }, "Sign in"),
    h("p", { class: "hint" }, "No account yet? The person who runs this caremap makes accounts (caremap user add)."),
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    message.textContent = "";
    try {
      const answer = await post("/api/v1/login", { email: email.value, password: password.value });
      setCsrf(answer.csrf_token);
      await route();
    } catch (e) {
      message.textContent = e instanceof ApiError ? e.message : "The server could not be reached.";
      password.select();
    }
  });
  mount(app, h("main", { class: "page" }, form));
  email.focus();
}
