namespace PhoneGroups.Calls;

/// <summary>Every channel of the call is gone and the call is forgotten; it ignores whatever still arrives.</summary>
internal sealed class EndedState : CallState
{
    public static EndedState Instance { get; } = new();

    public override string Name => "Ended";
}
