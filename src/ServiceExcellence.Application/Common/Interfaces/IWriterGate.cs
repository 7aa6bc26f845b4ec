namespace ServiceExcellence.Application.Common.Interfaces;

/// <summary>
/// Admits the commands that write to the database. SQLite has one writer at a time: commands queue here, in
/// order, instead of polling SQLite's busy lock with sleeps. SQL Server locks rows, so every command enters at once.
/// </summary>
public interface IWriterGate
{
    /// <summary>Waits for this command's turn; disposing the result ends it.</summary>
    ValueTask<IDisposable> EnterAsync(CancellationToken cancellationToken);
}
