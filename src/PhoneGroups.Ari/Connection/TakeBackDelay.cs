namespace PhoneGroups.Ari.Connection;

/// <summary>
/// How long to wait before taking the application back from another connection that took it. The first
/// replacement waits <c>first</c>; each replacement that comes soon after taking the application back
/// doubles the wait, up to <c>max</c>. So a second controller on the same application is fought at a
/// bounded rate (at most one take-back per <c>max</c>), and once it leaves this one is back within
/// <c>max</c>. Jitter (the wait is 80–100 % of the step) keeps two such controllers from taking turns in
/// lockstep.
/// </summary>
internal sealed class TakeBackDelay
{
    private readonly TimeSpan _first;
    private readonly TimeSpan _max;
    private readonly Func<double> _random;
    private int _step;

    /// <param name="first">The wait after a first replacement.</param>
    /// <param name="max">The longest wait.</param>
    /// <param name="random">A number in [0, 1) per wait; <see cref="Random.Shared"/> by default.</param>
    public TakeBackDelay(TimeSpan first, TimeSpan max, Func<double>? random = null)
    {
        _first = first;
        _max = max < first ? first : max;
        _random = random ?? Random.Shared.NextDouble;
    }

    /// <summary>
    /// A connection held the application this long before it was replaced. Held for long (three times the
    /// longest wait), it starts a new episode at the first wait again; sooner, the wait grows.
    /// </summary>
    public TimeSpan Next(TimeSpan heldFor)
    {
        _step = heldFor >= _max * 3 ? 1 : Math.Min(_step + 1, 30);
        var step = TimeSpan.FromTicks((long)Math.Min(_first.Ticks * Math.Pow(2, _step - 1), _max.Ticks));
        return step * (0.8 + (0.2 * _random()));
    }
}
