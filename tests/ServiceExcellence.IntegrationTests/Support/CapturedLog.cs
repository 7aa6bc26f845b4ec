using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ServiceExcellence.IntegrationTests.Support;

/// <summary>
/// A logger that keeps what a component wrote: the rendered message, every structured value and any exception, as one text
/// per entry. Pass it when creating the component (<c>ActivatorUtilities.CreateInstance</c>) to check what reaches the logs.
/// </summary>
public sealed class CapturedLog<T> : ILogger<T>
{
    private readonly ConcurrentQueue<(LogLevel Level, string Text)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string Text)> Entries => _entries.ToArray();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
        _entries.Enqueue((logLevel, $"{formatter(state, exception)} | {values} | {exception}"));
    }
}
