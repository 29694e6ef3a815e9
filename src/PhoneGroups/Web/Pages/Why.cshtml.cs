using Microsoft.AspNetCore.Mvc;
using PhoneGroups.Policy.Decisions;
using PhoneGroups.Policy.Explanations;

namespace PhoneGroups.Web.Pages;

/// <summary>"Why was this call blocked?": the decision <c>check</c> gives, with its sentence and links to what decided it.</summary>
public sealed class WhyModel : ConsolePage
{
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? CallerNumber { get; set; }

    internal Decision? Answer { get; private set; }

    public string Explanation { get; private set; } = string.Empty;

    public string Outcome { get; private set; } = string.Empty;

    public void OnGet()
    {
        if (string.IsNullOrWhiteSpace(To))
        {
            return;
        }

        var from = string.IsNullOrWhiteSpace(From) ? null : From.Trim();
        var decision = Compiled.Decide(from, To.Trim(), CallOrigin.Internal, string.IsNullOrWhiteSpace(CallerNumber) ? null : CallerNumber.Trim());
        Answer = decision;
        Explanation = DecisionExplainer.Explain(decision);
        Outcome = decision.Outcome.ToCode() switch
        {
            "deny" => "Denied",
            "challenge" => "Asks for a password",
            _ => "Allowed: " + decision.Action.ToCode(),
        };
    }
}
