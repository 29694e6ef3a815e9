namespace PhoneGroups.Documents;

/// <summary>An edit that cannot be made as asked; <see cref="Status"/> is the HTTP status the API answers with.</summary>
public sealed class EditException(int status, string title, string detail, string? path = null) : Exception(detail)
{
    /// <summary>404 (no such thing), 409 (conflicts with the policy) or 422 (the request itself is wrong).</summary>
    public int Status { get; } = status;

    /// <summary>A short, fixed title for the kind of problem.</summary>
    public string Title { get; } = title;

    /// <summary>The field the problem is in, when it is in the request.</summary>
    public string? Path { get; } = path;

    /// <summary>No group, extension or route by that name.</summary>
    public static EditException NotFound(string what) => new(404, "Not found", what);

    /// <summary>The change conflicts with the policy (a name taken, the default group, a route in use).</summary>
    public static EditException Conflict(string detail) => new(409, "Conflict", detail);

    /// <summary>The request is not a valid change.</summary>
    public static EditException Invalid(string path, string detail) => new(422, "Invalid change", detail, path);
}
