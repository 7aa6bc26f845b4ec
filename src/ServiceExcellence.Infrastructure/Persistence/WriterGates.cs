using ServiceExcellence.Application.Common.Interfaces;

namespace ServiceExcellence.Infrastructure.Persistence;

/// <summary>
/// One writing command at a time in this process (SQLite). Another process on the same file still waits on
/// SQLite's own lock (busy timeout), so correctness never depends on this gate; it only saves the waiting
/// commands from sleeping and retrying, which made latency under load several times longer.
/// </summary>
public sealed class SingleWriterGate : IWriterGate, IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    public async ValueTask<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        return new Turn(_turn);
    }

    public void Dispose() => _turn.Dispose();

    private sealed class Turn(SemaphoreSlim turn) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                turn.Release();
            }
        }
    }
}

/// <summary>Every command enters at once (SQL Server, which locks rows rather than the database).</summary>
public sealed class OpenWriterGate : IWriterGate
{
    private static readonly IDisposable Entered = new Nothing();

    public ValueTask<IDisposable> EnterAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Entered);

    private sealed class Nothing : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
