using System.Diagnostics.CodeAnalysis;
using PhoneGroups.Policy.Decisions;

namespace PhoneGroups.Policy.Permissions;

/// <summary>
/// A call that may go ahead only once the caller enters a call-permission password: which permission asks, at which
/// level, which passwords open it, and what happens then. Built from the <see cref="Decision"/> without allocating.
/// </summary>
public readonly struct PermissionChallenge
{
    /// <summary>The most digits a password or PIN has; stop collecting after this many.</summary>
    public const int MaxDigits = 16;

    private readonly Decision _decision;

    internal PermissionChallenge(in Decision decision) => _decision = decision;

    /// <summary>Whether this is the empty value of a decision that is not a challenge.</summary>
    public bool IsEmpty => _decision.Policy is null;

    /// <summary>The deciding permission: the first matching deny of the level, in policy order.</summary>
    public PermissionInfo Permission => _decision.Permission ?? throw EmptyChallenge();

    /// <summary>The level that decided: user, group, route or incoming.</summary>
    public PermissionLevel Level => _decision.PermissionLevel;

    /// <summary>Whether the calling extension's <c>pin</c> replaces the permissions' passwords (user level, extension with a pin).</summary>
    public bool UsesPin => Level == PermissionLevel.User && _decision.Caller is { HasPin: true };

    /// <summary>The passwords that open the call, each with the permission it opens.</summary>
    public AcceptedPasswords AcceptedPasswords => IsEmpty
        ? default
        : new AcceptedPasswords(_decision.Policy.PermissionTable, _decision.PermissionVerdict.Matches, UsesPin ? _decision.Caller : null, Permission);

    /// <summary>
    /// The decision once a password was accepted: <see cref="DecisionOutcome.Allow"/>, with the same action, endpoint,
    /// route, caller ID and fail-over list an allowed call would have, reason <c>permission-password</c>.
    /// </summary>
    public Decision Granted => IsEmpty ? throw EmptyChallenge() : _decision.Unlock();

    /// <summary>
    /// Whether <paramref name="digits"/> (without the closing <c>#</c>) is an accepted password; <paramref name="opened"/> is
    /// the permission it opens (the first in policy order with that password), whose account code goes on the call.
    /// </summary>
    public bool TryAccept(ReadOnlySpan<char> digits, [NotNullWhen(true)] out PermissionInfo? opened)
    {
        foreach (var accepted in AcceptedPasswords)
        {
            if (digits.SequenceEqual(accepted.Password))
            {
                opened = accepted.Permission;
                return true;
            }
        }

        opened = null;
        return false;
    }

    /// <summary>Names the permission and level, never a password.</summary>
    public override string ToString() => IsEmpty ? "no challenge" : $"permission '{Permission.Name}' ({Level.ToCode()}){(UsesPin ? " with the PIN" : string.Empty)}";

    private static InvalidOperationException EmptyChallenge() => new("the decision is not a challenge");
}
