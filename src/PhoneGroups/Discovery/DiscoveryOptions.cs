namespace PhoneGroups.Discovery;

/// <summary>Phones that join the default group by themselves (configuration section <c>Discovery</c>).</summary>
public sealed class DiscoveryOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Discovery";

    /// <summary>Whether Asterisk's PJSIP endpoints are listed and the unlisted extensions join the default group.</summary>
    /// <value>The default value is true.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Which endpoint names are extensions (a regular expression for the whole name); the others, such as trunks, stay unknown callers.</summary>
    /// <value>The default value is <c>^[0-9]{2,8}$</c>: 2 to 8 digits.</value>
    public string ExtensionPattern { get; set; } = "^[0-9]{2,8}$";

    /// <summary>How often the endpoints are listed, in seconds.</summary>
    /// <value>The default value is 60.</value>
    public int IntervalSeconds { get; set; } = 60;
}
