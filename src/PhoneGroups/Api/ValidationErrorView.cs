namespace PhoneGroups.Api;

/// <summary>One error of a rejected change: the field's path, the line in the YAML (when known) and what is wrong.</summary>
internal sealed record ValidationErrorView(string Path, int? Line, string Message);
