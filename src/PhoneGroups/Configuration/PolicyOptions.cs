namespace PhoneGroups.Configuration;

/// <summary>Where the policy comes from (configuration section <c>Policy</c>).</summary>
public sealed class PolicyOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Policy";

    /// <summary>The policy file. Watched: a valid change is live for new calls within about a second.</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>How often the file is checked for changes, in milliseconds.</summary>
    /// <value>The default value is 500. Polling also works on container bind mounts, where file events do not.</value>
    public int PollMilliseconds { get; set; } = 500;
}
