using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Email;
using ServiceExcellence.Domain.Email;
using ServiceExcellence.Infrastructure.Email;
using ServiceExcellence.Infrastructure.Persistence;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Operations;

/// <summary>
/// The email dispatcher writes (its claim, each message's new state) in the writers' turn, like every command: with SQLite
/// a write outside the gate can make a queued command find the database busy and sleep in the driver's retries.
/// </summary>
public sealed class OutboxWriterTurnTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_dispatcher_writes_nothing_until_it_has_the_writers_turn()
    {
        var gate = new HeldGate();
        await using var app = _app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IWriterGate>();
            services.AddSingleton<IWriterGate>(gate);
        }));
        var message = new OutboxMessage(EmailKinds.AlertRaised, "manager@example.com", "Manager", "[High] A client", "Text", "<p>Html</p>", _app.Clock.GetUtcNow());
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.OutboxMessages.Add(message);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var processorScope = app.Services.CreateAsyncScope();
        var processing = processorScope.ServiceProvider.GetRequiredService<OutboxProcessor>().ProcessDueAsync(CancellationToken.None);
        await gate.FirstWaiter.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        var waiting = await Read(app, message.Id);
        Assert.Equal(OutboxStatus.Pending, waiting.Status);
        Assert.Null(waiting.LockedBy);

        gate.Open();
        Assert.Equal(1, await processing);
        var handled = await Read(app, message.Id);
        Assert.Equal(1, handled.Attempts); // the test's SMTP port answers nothing: a failed attempt, recorded in turn
        Assert.Equal(2, gate.Turns);
    }

    private static async Task<OutboxMessage> Read(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app, Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    /// <summary>A writers' gate that stays closed until the test opens it, and counts the turns taken.</summary>
    private sealed class HeldGate : IWriterGate
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _turns;

        public TaskCompletionSource FirstWaiter { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Turns => _turns;

        public void Open() => _open.TrySetResult();

        public async ValueTask<IDisposable> EnterAsync(CancellationToken cancellationToken)
        {
            FirstWaiter.TrySetResult();
            await _open.Task.WaitAsync(cancellationToken);
            Interlocked.Increment(ref _turns);
            return new Turn();
        }

        private sealed class Turn : IDisposable
        {
            public void Dispose()
            {
            }
        }
    }
}
