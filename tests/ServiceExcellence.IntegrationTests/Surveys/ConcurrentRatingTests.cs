using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Ratings;
using ServiceExcellence.Domain.Surveys;
using ServiceExcellence.Infrastructure.Persistence;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Surveys;

/// <summary>Many customers answering at the same moment, on SQLite's single writer.</summary>
public sealed class ConcurrentRatingTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private TestData _data = default!;

    public async ValueTask InitializeAsync() => _data = await TestData.SeedAsync(_app);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Ratings_submitted_at_the_same_moment_are_all_recorded()
    {
        const int Customers = 24;
        var contactIds = new List<Guid>();
        await _app.ExecuteAsync(async db =>
        {
            var client = await db.Clients.Include(c => c.Contacts).SingleAsync(c => c.Id == _data.Northwind.Id);
            for (var i = 0; i < Customers; i++)
            {
                contactIds.Add(client.AddContact($"Customer {i}", $"customer{i}@northwind.example", "en").Id);
            }
        });
        var tokens = new List<string>();
        foreach (var (contactId, i) in contactIds.Select((id, i) => (id, i)))
        {
            var recorded = await SurveyLinks.RecordAsync(_app, _data, $"WO-{i}", contactId);
            tokens.Add(await SurveyLinks.MintAsync(_app, recorded.Id));
        }

        var answers = await Task.WhenAll(tokens.Select((token, i) => Task.Run(() =>
            _app.SendAsync<SubmitRating.Result>(new SubmitRating.Command { Token = token, Overall = 1 + (i % 5), Language = "en" }))));

        Assert.Equal(Customers, answers.Select(a => a.RatingId).Distinct().Count());
        Assert.Equal(Customers, await _app.QueryAsync(db => db.Ratings.CountAsync()));
        Assert.Equal(Customers, await _app.QueryAsync(db => db.SurveyInvitations.CountAsync(i => i.Status == InvitationStatus.Responded)));
    }

    [Fact]
    public async Task On_SQLite_writing_commands_take_turns_one_at_a_time()
    {
        var gate = _app.Services.GetRequiredService<IWriterGate>();
        Assert.IsType<SingleWriterGate>(gate);

        var first = await gate.EnterAsync(TestContext.Current.CancellationToken);
        var second = gate.EnterAsync(TestContext.Current.CancellationToken).AsTask();
        var third = gate.EnterAsync(TestContext.Current.CancellationToken).AsTask();
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.False(second.IsCompleted);

        first.Dispose();
        (await second).Dispose();
        (await third).Dispose();
        first.Dispose(); // ending a turn twice does not let two commands in at once
        using var next = await gate.EnterAsync(TestContext.Current.CancellationToken);
        using var waiting = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await gate.EnterAsync(waiting.Token));
    }
}
