using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ServiceExcellence.IntegrationTests.Support;

/// <summary>The SQL the app sends while a test records it: to prove that a request was answered without a query.</summary>
public sealed class SqlCommandLog : DbCommandInterceptor
{
    private readonly ConcurrentQueue<string> _commands = new();
    private volatile bool _recording;

    /// <summary>Starts recording from nothing; disposing the result stops it.</summary>
    public IDisposable Record()
    {
        _commands.Clear();
        _recording = true;
        return new Stop(this);
    }

    /// <summary>The recorded commands that mention <paramref name="table"/>.</summary>
    public IReadOnlyList<string> Mentioning(string table) =>
        [.. _commands.Where(c => c.Contains(table, StringComparison.OrdinalIgnoreCase))];

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Add(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Add(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Add(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Add(command);
        return ValueTask.FromResult(result);
    }

    private void Add(DbCommand command)
    {
        if (_recording)
        {
            _commands.Enqueue(command.CommandText);
        }
    }

    private sealed class Stop(SqlCommandLog log) : IDisposable
    {
        public void Dispose() => log._recording = false;
    }
}
