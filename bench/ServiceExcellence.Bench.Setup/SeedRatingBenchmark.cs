using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ServiceExcellence.Application.Surveys;
using ServiceExcellence.Application.Transactions;
using ServiceExcellence.Domain.Email;
using ServiceExcellence.Domain.Surveys;
using ServiceExcellence.Infrastructure.Persistence;
using ServiceExcellence.Web;

namespace ServiceExcellence.Bench.Setup;

/// <summary>
/// Prepares the database of the rating benchmark: the demo company, N transactions recorded through the
/// real <see cref="RecordTransaction"/> command (so each gets its invitation as in production), and one
/// secret link per invitation, minted as the outbox dispatcher would. Writes the link tokens one a line.
/// Usage: <c>ServiceExcellence.Bench.Setup &lt;new SQLite file&gt; &lt;tokens file&gt; [N = 5000]</c>; for the alert
/// queue benchmark, <c>ServiceExcellence.Bench.Setup alerts &lt;new SQLite file&gt; [N = 100000]</c> (see <see cref="SeedAlertQueueBenchmark"/>).
/// The soak test's mode, <c>soak &lt;new SQLite file&gt; &lt;tokens file&gt; &lt;links file&gt; [N = 5000]</c>, seeds the same and also
/// writes each token with its invitation's id (<c>token invitationId</c>, one a line), so the soak test can check each link's rating.
/// </summary>
public static class SeedRatingBenchmark
{
    public const string SourceSystem = "bench";
    private const int DefaultCount = 5_000;
    private const int Workers = 4;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "alerts")
        {
            return await SeedAlertQueueBenchmark.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "ratings")
        {
            return await SeedInsightBenchmark.RunAsync(args[1..]);
        }

        string? linksPath = null;
        if (args.Length > 0 && args[0] == "soak")
        {
            if (args.Length < 4)
            {
                await Console.Error.WriteLineAsync("Usage: ServiceExcellence.Bench.Setup soak <new SQLite file> <tokens file> <links file> [N = 5000]");
                return 2;
            }

            linksPath = Path.GetFullPath(args[3]);
            args = [args[1], args[2], .. args[4..]];
        }

        if (args.Length is < 2 or > 3 || (args.Length == 3 && (!int.TryParse(args[2], out var parsed) || parsed < 1)))
        {
            await Console.Error.WriteLineAsync("Usage: ServiceExcellence.Bench.Setup <new SQLite file> <tokens file> [N = 5000]");
            return 2;
        }

        var databasePath = Path.GetFullPath(args[0]);
        var tokensPath = Path.GetFullPath(args[1]);
        var count = args.Length == 3 ? int.Parse(args[2]) : DefaultCount;
        if (File.Exists(databasePath))
        {
            await Console.Error.WriteLineAsync($"{databasePath} exists; the benchmark starts from a new database.");
            return 2;
        }

        await using var app = BuildServices(databasePath);
        await app.Services.InitialiseDatabaseAsync();

        var started = TimeProvider.System.GetTimestamp();
        await RecordTransactionsAsync(app.Services, count);
        var tokens = await MintLinksAsync(app.Services);
        if (tokens.Count != count)
        {
            await Console.Error.WriteLineAsync($"Expected {count} open invitations, found {tokens.Count} (some were suppressed?).");
            return 1;
        }

        await File.WriteAllLinesAsync(tokensPath, tokens.Select(t => t.Token));
        if (linksPath is not null)
        {
            // The same text as SQLite holds the invitation's id in (EF Core stores a Guid as upper-case text).
            await File.WriteAllLinesAsync(linksPath, tokens.Select(t => $"{t.Token} {t.InvitationId.ToString().ToUpperInvariant()}"));
        }

        Console.WriteLine($"Seeded {count} invitations with links in {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0.0} s; tokens in {tokensPath}");
        return 0;
    }

    /// <summary>The app's own services without a web server, on the given file, with the demo company.</summary>
    internal static WebApplication BuildServices(string databasePath)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:ServiceExcellence"] = $"Data Source={databasePath}",
            ["Database:Provider"] = "Sqlite",
            ["Database:MigrateOnStartup"] = "true",
            ["Database:SeedDemoData"] = "true",

            // Every transaction invites its contact, however recently that contact was asked before.
            ["Surveys:ThrottleDays"] = "0",
            ["Email:Dispatcher:Enabled"] = "false",
            ["Jobs:Enabled"] = "false",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        });
        builder.AddServiceExcellence();
        return builder.Build();
    }

    private static async Task RecordTransactionsAsync(IServiceProvider services, int count)
    {
        List<(Guid ClientId, Guid ContactId)> contacts;
        List<Guid> serviceLines;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            contacts = await (
                from k in db.Contacts
                join c in db.Clients on k.ClientId equals c.Id
                where k.Email != null && !k.OptedOut && !c.ExcludedFromSurveys
                orderby k.Name
                select new ValueTuple<Guid, Guid>(c.Id, k.Id)).ToListAsync();
            serviceLines = await db.ServiceLines.OrderBy(s => s.Name).Select(s => s.Id).ToListAsync();
        }

        if (contacts.Count == 0 || serviceLines.Count == 0)
        {
            throw new InvalidOperationException("The demo company has no surveyable contacts or no service lines.");
        }

        // A few writers at once: validation reads overlap while SQLite serialises the writes. Each worker has
        // its own contacts, so no two commands change the same contact (whose concurrency token would refuse one).
        var occurredAt = TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(-2);
        var workers = Math.Min(Workers, contacts.Count);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async worker =>
        {
            var own = contacts.Where((_, index) => index % workers == worker).ToList();
            for (var i = worker; i < count; i += workers)
            {
                var (clientId, contactId) = own[i / workers % own.Count];
                await using var scope = services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RecordTransaction.Command
                {
                    SourceSystem = SourceSystem,
                    ExternalReference = $"BENCH-{i:D6}",
                    ClientId = clientId,
                    ContactId = contactId,
                    ServiceLineId = serviceLines[i % serviceLines.Count],
                    OccurredAt = occurredAt,
                    InvoicedAmount = 100m + (i % 900),
                    Currency = "EUR",
                });
            }
        }));
    }

    /// <summary>One link per open invitation of the benchmark's transactions; the invitation and its email count as sent.</summary>
    private static async Task<List<(string Token, Guid InvitationId)>> MintLinksAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = TimeProvider.System.GetUtcNow();
        var invitations = await (
            from i in db.SurveyInvitations
            join t in db.Transactions on i.TransactionId equals t.Id
            where t.SourceSystem == SourceSystem && i.Status == InvitationStatus.Pending
            select i).ToListAsync();

        // The dispatcher would have sent their emails too: left pending, a run with the dispatcher on would send them all at start.
        var invitationIds = invitations.Select(i => i.Id).ToList();
        var emails = await db.OutboxMessages
            .Where(m => m.SurveyInvitationId != null && invitationIds.Contains(m.SurveyInvitationId.Value) && m.Status == OutboxStatus.Pending)
            .ToListAsync();
        foreach (var email in emails)
        {
            email.MarkSent(now);
        }

        var tokens = new List<(string Token, Guid InvitationId)>(invitations.Count);
        foreach (var invitation in invitations)
        {
            var (token, hash) = SurveyTokens.Mint();
            db.SurveyLinkTokens.Add(new SurveyLinkToken(invitation.Id, hash, now));
            invitation.MarkSent(now);
            tokens.Add((token, invitation.Id));
        }

        await db.SaveChangesAsync();
        return tokens;
    }
}
