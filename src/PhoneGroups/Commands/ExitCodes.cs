namespace PhoneGroups.Commands;

/// <summary>Exit codes of the command-line tool; scripts rely on them.</summary>
internal static class ExitCodes
{
    /// <summary>Success: the policy is valid, or the call is allowed.</summary>
    public const int Success = 0;

    /// <summary><c>check</c>: the call is denied.</summary>
    public const int Denied = 1;

    /// <summary>Bad arguments, or a policy file that does not load.</summary>
    public const int InvalidInput = 2;

    /// <summary><c>check</c>: the call is allowed only once a call-permission password is entered.</summary>
    public const int Challenge = 3;

    /// <summary><c>run</c>: the call pipeline stopped; a supervisor should restart the controller (EX_SOFTWARE).</summary>
    public const int PipelineStopped = 70;
}
