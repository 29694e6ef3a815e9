namespace PhoneGroups.Policy.Configuration;

/// <summary>The <c>settings</c> block.</summary>
internal sealed class SettingsDocument
{
    /// <summary>Used when the key is absent: emergency calls must work out of the box.</summary>
    public static readonly IReadOnlyList<string> DefaultEmergencyNumbers = ["112", "911"];

    public const string DefaultLanguageCode = "en";

    public Located<string>? DefaultLanguage { get; set; }

    /// <summary>null when the key is absent (then <see cref="DefaultEmergencyNumbers"/> apply).</summary>
    public List<Located<string>>? EmergencyNumbers { get; set; }

    public UnknownCallerMode UnknownCallers { get; set; } = UnknownCallerMode.InternalOnly;
}
