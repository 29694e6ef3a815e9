namespace PhoneGroups.Calls;

/// <summary>
/// The numbers a call was sent to by forwards, in order, starting with the one the caller dialed. A forward
/// back to a number already rung (A → B → A) is a loop, and no call follows more than <see cref="MaxHops"/>
/// forwards: each refusal ends the call with <see cref="HangupCauses.ExchangeRoutingError"/>.
/// </summary>
internal sealed class ForwardChain
{
    /// <summary>The most forwards one call follows.</summary>
    public const int MaxHops = 5;

    private readonly string[] _numbers;

    private ForwardChain(string[] numbers) => _numbers = numbers;

    /// <summary>The chain of a call that has not been forwarded yet: only <paramref name="dialed"/> was rung.</summary>
    public static ForwardChain StartingAt(string dialed) => new([dialed]);

    /// <summary>How many forwards the call followed.</summary>
    public int Hops => _numbers.Length - 1;

    /// <summary>Why following a forward to <paramref name="target"/> is refused (a reason code), or null when it may be followed.</summary>
    public string? RefusalFor(string target) =>
        _numbers.Contains(target, StringComparer.Ordinal) ? "forward-loop"
        : Hops >= MaxHops ? "forward-too-many"
        : null;

    /// <summary>The chain once the call follows a forward to <paramref name="target"/>.</summary>
    public ForwardChain Then(string target) => new([.. _numbers, target]);

    public override string ToString() => string.Join(" -> ", _numbers);
}
