// PhoneGroups console: the little the server-rendered pages need from a script. Every page works without
// it (forms post as usual); with it, patterns are checked as they are typed, members can be dragged between
// groups, destructive buttons ask first, and the Live page follows the controller's Server-Sent Events.
"use strict";

(() => {
    const debounce = (fn, ms) => {
        let timer;
        return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
    };

    const text = (tag, value, className) => {
        const el = document.createElement(tag);
        el.textContent = value ?? "";
        if (className) el.className = className;
        return el;
    };

    // Allowed patterns: the loader's own parser answers, line by line, as the admin types.
    async function checkPatterns(textarea, number) {
        const query = new URLSearchParams({ text: textarea.value });
        if (number) query.set("number", number);
        const response = await fetch("/console/patterns?" + query, { headers: { Accept: "application/json" } });
        if (!response.ok) throw new Error("the controller answered " + response.status);
        return response.json();
    }

    for (const textarea of document.querySelectorAll("textarea[data-validate-patterns]")) {
        const out = document.getElementById(textarea.dataset.validatePatterns);
        const validate = debounce(async () => {
            try {
                const result = await checkPatterns(textarea);
                out.replaceChildren(...result.errors.map(e => text("p", `Line ${e.line}: '${e.pattern}' is not a valid pattern: ${e.message}`, "error")));
                textarea.setAttribute("aria-invalid", result.errors.length > 0 ? "true" : "false");
            } catch (e) {
                out.replaceChildren(text("p", "Could not check the patterns: " + e.message, "error"));
            }
        }, 200);
        textarea.addEventListener("input", validate);
        if (textarea.value) validate();
    }

    for (const input of document.querySelectorAll("input[data-test-patterns]")) {
        const textarea = document.getElementById(input.dataset.testPatterns);
        const out = document.getElementById(input.dataset.testOutput);
        const test = debounce(async () => {
            const number = input.value.trim();
            if (!number) { out.textContent = ""; return; }
            try {
                const result = await checkPatterns(textarea, number);
                out.textContent = result.matches.length > 0
                    ? `${number} matches ${result.matches.join(", ")}`
                    : `${number} matches none of these patterns`;
            } catch (e) {
                out.textContent = "Could not test the number: " + e.message;
            }
        }, 200);
        input.addEventListener("input", test);
        textarea.addEventListener("input", test);
    }

    // Members dragged onto another group's card are moved there (the page's Move handler, with its token).
    const moveForm = document.getElementById("move-form");
    if (moveForm) {
        for (const item of document.querySelectorAll("li[draggable=true][data-number]")) {
            item.addEventListener("dragstart", e => e.dataTransfer.setData("text/plain", item.dataset.number));
        }
        for (const zone of document.querySelectorAll("[data-drop-group]")) {
            zone.addEventListener("dragover", e => { e.preventDefault(); zone.classList.add("drop"); });
            zone.addEventListener("dragleave", () => zone.classList.remove("drop"));
            zone.addEventListener("drop", e => {
                e.preventDefault();
                const number = e.dataTransfer.getData("text/plain");
                if (!number) return;
                moveForm.elements.number.value = number;
                moveForm.elements.group.value = zone.dataset.dropGroup;
                moveForm.submit();
            });
        }
    }

    // Routes dragged onto another row take its position (the page's Move handler, as the Up and Down buttons).
    const orderForm = document.getElementById("route-order-form");
    if (orderForm) {
        for (const row of document.querySelectorAll("tr[draggable=true][data-route]")) {
            row.addEventListener("dragstart", e => e.dataTransfer.setData("text/plain", row.dataset.route));
            row.addEventListener("dragover", e => { e.preventDefault(); row.classList.add("drop"); });
            row.addEventListener("dragleave", () => row.classList.remove("drop"));
            row.addEventListener("drop", e => {
                e.preventDefault();
                const name = e.dataTransfer.getData("text/plain");
                if (!name || name === row.dataset.route) return;
                orderForm.elements.name.value = name;
                orderForm.elements.to.value = row.dataset.position;
                orderForm.submit();
            });
        }
    }

    for (const form of document.querySelectorAll("form[data-confirm]")) {
        form.addEventListener("submit", e => { if (!confirm(form.dataset.confirm)) e.preventDefault(); });
    }

    // A row whose dropdown changed shows that its Move button has something to save.
    for (const form of document.querySelectorAll("form.row-move")) {
        const select = form.querySelector("select");
        const initial = select.value;
        select.addEventListener("change", () => form.classList.toggle("changed", select.value !== initial));
    }

    // Live: calls in progress (replaced every second) and decisions (newest first, at most 200).
    const calls = document.getElementById("live-calls");
    if (calls) {
        const decisions = document.querySelector("#live-decisions tbody");
        const status = document.getElementById("live-status");
        const source = new EventSource(calls.dataset.liveSource);
        const time = iso => new Date(iso).toLocaleTimeString();
        source.addEventListener("open", () => { status.textContent = "Live: following the controller."; });
        source.addEventListener("error", () => { status.textContent = "Disconnected; reconnecting…"; });
        source.addEventListener("calls", e => {
            const rows = JSON.parse(e.data).map(c => {
                const tr = document.createElement("tr");
                tr.dataset.callId = c.callId;
                tr.append(text("td", c.caller), text("td", c.callee), text("td", c.group ?? ""), text("td", c.state), text("td", `${time(c.since)} (${c.seconds} s)`));
                return tr;
            });
            calls.querySelector("tbody").replaceChildren(...rows);
        });
        source.addEventListener("decision", e => {
            const d = JSON.parse(e.data);
            const tr = document.createElement("tr");
            tr.dataset.callId = d.callId;
            tr.className = d.decision === "deny" ? "denied" : "allowed";
            const why = document.createElement("td");
            const link = document.createElement("a");
            link.href = "/why?" + new URLSearchParams({ from: d.caller === "unknown" ? "" : d.caller, to: d.dialed });
            link.textContent = d.explanation;
            why.append(link);
            tr.append(text("td", time(d.at)), text("td", d.caller), text("td", d.callerGroup), text("td", d.dialed), text("td", d.decision), text("td", d.reason), why);
            decisions.prepend(tr);
            while (decisions.rows.length > 200) decisions.deleteRow(-1);
        });
    }
})();
