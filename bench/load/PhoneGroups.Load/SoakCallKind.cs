namespace PhoneGroups.Load;

/// <summary>The state a soak call is in when someone hangs up.</summary>
public enum SoakCallKind
{
    /// <summary>Right after the call reached the controller: deciding, or creating the callee's leg.</summary>
    Deciding,

    /// <summary>The callee rings; the caller gives up, or the callee rejects (its leg is hung up).</summary>
    Ringing,

    /// <summary>A denied caller, in the middle of the denial prompt (or after it ended the call itself).</summary>
    DenialPrompt,

    /// <summary>A caller asked for a call permission's password, before typing it.</summary>
    PasswordChallenge,

    /// <summary>Answered and bridged; the caller or the callee hangs up.</summary>
    Bridged,
}
