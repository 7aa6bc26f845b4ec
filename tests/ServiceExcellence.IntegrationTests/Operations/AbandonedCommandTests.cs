using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ServiceExcellence.Application.Common.Behaviours;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Surveys;
using ServiceExcellence.Domain.Teams;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Operations;

/// <summary>
/// A caller that leaves once the command's work is done (wrk stopping in the soak test, a phone losing its signal) does not
/// cancel the save and commit halfway: the outcome is stored, and no transaction error is logged.
/// </summary>
public sealed class AbandonedCommandTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_command_whose_caller_leaves_after_the_handler_is_stored_not_abandoned()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
        var behaviour = new TransactionBehaviour<Unsubscribe.Command, Unit>(
            db, scope.ServiceProvider.GetRequiredService<IWriterGate>(), NullLogger<TransactionBehaviour<Unsubscribe.Command, Unit>>.Instance);
        using var caller = new CancellationTokenSource();

        await behaviour.Handle(new Unsubscribe.Command("any"), (_, _) =>
        {
            db.Teams.Add(new Team("Stored after the caller left", TeamKind.Client));
            caller.Cancel();
            return ValueTask.FromResult(Unit.Value);
        }, caller.Token);

        Assert.Equal(1, await _app.QueryAsync(d => d.Teams.CountAsync(t => t.Name == "Stored after the caller left")));
    }
}
