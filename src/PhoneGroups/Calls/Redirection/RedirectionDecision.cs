using PhoneGroups.Policy.Compilation;
using PhoneGroups.Policy.Decisions;

namespace PhoneGroups.Calls;

/// <summary>
/// A call whose destination someone changed (a forward, a transfer) is decided again as that someone: the
/// policy's decision for <paramref name="Party"/> calling the new number, plus the rules only such changes
/// have. <see cref="Refusal"/> is set when those rules refuse what the policy alone would allow.
/// </summary>
/// <param name="Decision">The policy's decision for the party calling the new destination.</param>
/// <param name="Party">Who changed the destination; decided with their rights, never the caller's.</param>
/// <param name="Refusal">A reason code that denies the change whatever <paramref name="Decision"/> says, or null.</param>
internal readonly record struct RedirectionDecision(Decision Decision, CallerIdentity Party, string? Refusal)
{
    /// <summary>Whether the destination change may go ahead as it is.</summary>
    public bool IsAllowed => Refusal is null && Decision.IsAllowed;

    /// <summary>The reason code in logs and for a denial context.</summary>
    public string ReasonCode => Refusal ?? Decision.Reason.ToCode();

    /// <summary>The party as logs name it.</summary>
    public string PartyName => Party.Extension ?? "unknown";

    /// <summary>
    /// Decides <paramref name="party"/> calling <paramref name="target"/>, with the party's own rights (its
    /// user and group permissions included). Two rules only destination changes have: a call whose other
    /// side came from outside (<paramref name="fromOutside"/>) is never sent back out to an emergency number,
    /// as such a call never may; and an unknown party never sends a call out on a route: that is how a trunk
    /// caller would reach another trunk.
    /// </summary>
    public static RedirectionDecision Decide(CompiledPolicy policy, CallerIdentity party, string target, bool fromOutside, string? outsideNumber)
    {
        var decision = policy.Decide(party.Extension, target, CallOrigin.Internal, party.Extension is null ? outsideNumber : null);
        var refusal = decision.IsEmergency && fromOutside ? DecisionReason.EmergencyFromTrunk.ToCode()
            : party.Extension is null && decision.Action == DecisionAction.Route && !decision.IsEmergency ? "unknown-to-trunk"
            : null;
        return new RedirectionDecision(decision, party, refusal);
    }
}
