namespace PhoneGroups.Policy.Model;

/// <summary>A route as a particular group uses it: the route and the caller ID the group presents on it.</summary>
public sealed class RouteGrant
{
    internal RouteGrant(RouteInfo route, string? callerId)
    {
        Route = route;
        CallerId = callerId;
    }

    /// <summary>The route.</summary>
    public RouteInfo Route { get; }

    /// <summary>The caller ID to present on this route, or null to leave the caller's own.</summary>
    public string? CallerId { get; }

    /// <inheritdoc />
    public override string ToString() => CallerId is null ? Route.Name : $"{Route.Name} (caller ID {CallerId})";
}
