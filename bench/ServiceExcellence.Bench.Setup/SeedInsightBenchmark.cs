using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceExcellence.Infrastructure.Insight;
using ServiceExcellence.Infrastructure.Persistence;

namespace ServiceExcellence.Bench.Setup;

/// <summary>
/// Prepares the database of the dashboard benchmark: the demo company, then N ratings (1,000,000 by default) spread
/// evenly over the 365 days before now, each with its transaction and invitation, plus the invitations nobody answered
/// (a 62.5% response rate: 8 invitations for every 5 ratings), the failure categories chosen on ratings of 3 or less,
/// and an alert (routed to the client team and the line's operations team, mostly resolved) for every rating of 1 or 2.
/// Rows go in with plain INSERTs in one transaction (the domain's rules do not matter for load), then the dashboards'
/// rollups are rebuilt the way the app rebuilds them (<see cref="InsightRollups"/>).
/// Usage: <c>ServiceExcellence.Bench.Setup ratings &lt;new SQLite file&gt; [N = 1000000]</c>.
/// </summary>
public static class SeedInsightBenchmark
{
    private const int DefaultCount = 1_000_000;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length is < 1 or > 2 || (args.Length == 2 && (!int.TryParse(args[1], out var parsed) || parsed < 1)))
        {
            await Console.Error.WriteLineAsync("Usage: ServiceExcellence.Bench.Setup ratings <new SQLite file> [N = 1000000]");
            return 2;
        }

        var databasePath = Path.GetFullPath(args[0]);
        var count = args.Length == 2 ? int.Parse(args[1], CultureInfo.InvariantCulture) : DefaultCount;
        if (File.Exists(databasePath))
        {
            await Console.Error.WriteLineAsync($"{databasePath} exists; the benchmark starts from a new database.");
            return 2;
        }

        await using var app = SeedRatingBenchmark.BuildServices(databasePath);
        await app.Services.InitialiseDatabaseAsync();
        var started = TimeProvider.System.GetTimestamp();

        Company company;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var contacts = await db.Contacts.AsNoTracking().Select(c => new { c.ClientId, c.Id }).ToListAsync();
            var clients = (await db.Clients.AsNoTracking().OrderBy(c => c.Name).Select(c => new { c.Id, c.ClientTeamId, c.AnnualRevenue }).ToListAsync())
                .Where(c => contacts.Any(x => x.ClientId == c.Id))
                .Select(c => new ClientRow(c.Id, c.ClientTeamId, c.AnnualRevenue, contacts.Where(x => x.ClientId == c.Id).Select(x => x.Id).ToArray()))
                .ToArray();
            var lines = (await db.ServiceLines.AsNoTracking().OrderBy(s => s.Name).Select(s => new { s.Id, s.OwnerTeamId }).ToListAsync())
                .Select(s => (s.Id, s.OwnerTeamId)).ToArray();
            var categories = await db.FailureCategories.AsNoTracking().OrderBy(c => c.Name).Select(c => c.Id).ToArrayAsync();
            company = new Company(clients, lines, categories);
        }

        var inserted = Insert(databasePath, count, company);
        Console.WriteLine($"Inserted {inserted} in {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0.0} s");

        var rebuilt = TimeProvider.System.GetTimestamp();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<InsightRollups>().RebuildAsync(CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<AlertRollups>().RebuildAsync(CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002; ANALYZE;");
        }

        Console.WriteLine($"Rebuilt the dashboard rollups in {TimeProvider.System.GetElapsedTime(rebuilt).TotalSeconds:0.0} s; seeded {count} ratings into {databasePath} " +
            $"in {TimeProvider.System.GetElapsedTime(started).TotalSeconds:0.0} s");
        return 0;
    }

    private static string Insert(string databasePath, int ratings, Company company)
    {
        // Deterministic: the same N gives the same data (apart from ids and the current time).
        var random = new Random(20_261_130);
        var now = TimeProvider.System.GetUtcNow();
        var invitations = (int)Math.Ceiling(ratings * 8 / 5.0);
        var span = TimeSpan.FromDays(365).Ticks;

        using var connection = new SqliteConnection($"Data Source={databasePath}");
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous=OFF; PRAGMA cache_size=-200000;";
            pragma.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction();
        var insertTransaction = Command(connection, transaction, "Transactions",
            "Id", "SourceSystem", "ExternalReference", "ClientId", "ContactId", "ServiceLineId", "PerformedByTeamId", "OccurredAt", "Channel", "InvoicedAmount", "Currency", "Version");
        var insertInvitation = Command(connection, transaction, "SurveyInvitations",
            "Id", "TransactionId", "ContactId", "Language", "Status", "CreatedAt", "ExpiresAt", "SentAt", "RespondedAt", "ReminderCount", "Version");
        var insertRating = Command(connection, transaction, "Ratings",
            "Id", "InvitationId", "TransactionId", "ClientId", "ContactId", "ServiceLineId", "TeamId", "Overall", "Reliability", "Responsiveness",
            "FeelingValued", "Empathy", "Competency", "LikelihoodToRecommend", "Comment", "Language", "SubmittedAt", "Version");
        var insertCategory = Command(connection, transaction, "RatingFailureCategories", "RatingId", "FailureCategoryId");
        var insertAlert = Command(connection, transaction, "Alerts",
            "Id", "Title", "ClientId", "ServiceLineId", "TransactionId", "RatingId", "Severity", "RevenueAtRisk", "Priority", "Status", "CreatedAt",
            "AcknowledgeBy", "ResolveBy", "AcknowledgedAt", "ResolvedAt", "EscalationLevel", "RecoveryAction", "Version");
        var insertRoute = Command(connection, transaction, "AlertRoutes", "AlertId", "TeamId", "Reason");

        int rated = 0, categories = 0, alerts = 0;
        for (var i = 0; i < invitations; i++)
        {
            var client = company.Clients[random.Next(company.Clients.Length)];
            var contact = client.Contacts[random.Next(client.Contacts.Length)];
            var (lineId, lineTeam) = company.Lines[random.Next(company.Lines.Length)];

            // Evenly over the year, oldest first; at any hour (a business spreads its work, the heat map shows when).
            var occurred = now.AddTicks(-span + (span / invitations * i) + random.NextInt64(TimeSpan.TicksPerHour)).AddHours(-2);
            var invited = occurred.AddMinutes(30);
            var answers = i % 8 < 5 && rated < ratings;
            var transactionId = Guid.CreateVersion7(occurred);
            var invitationId = Guid.CreateVersion7(invited);
            Run(insertTransaction, transactionId, "bench", $"INS-{i}", client.Id, contact, lineId, lineTeam, occurred.UtcTicks, "Email", 480.0, "EUR", Guid.NewGuid());
            Run(insertInvitation, invitationId, transactionId, contact, "en", answers ? "Responded" : "Expired", invited.UtcTicks,
                invited.AddDays(30).UtcTicks, invited.UtcTicks, answers ? invited.AddHours(1).UtcTicks : null, 0, Guid.NewGuid());
            if (!answers)
            {
                continue;
            }

            rated++;
            var submitted = invited.AddMinutes(random.Next(5, 24 * 60));
            var overall = Overall(random);
            int? Dimension() => random.Next(10) < 7 ? Math.Clamp(overall + random.Next(-1, 2), 1, 5) : null;
            int? recommend = random.Next(10) < 6 ? Math.Clamp((overall * 2) + random.Next(-2, 1), 0, 10) : null;
            var ratingId = Guid.CreateVersion7(submitted);
            Run(insertRating, ratingId, invitationId, transactionId, client.Id, contact, lineId, lineTeam, overall, Dimension(), Dimension(),
                Dimension(), Dimension(), Dimension(), recommend, i % 7 == 0 ? "Bench comment" : null, "en", submitted.UtcTicks, Guid.NewGuid());
            if (overall <= 3)
            {
                var first = random.Next(company.Categories.Length);
                Run(insertCategory, ratingId, company.Categories[first]);
                categories++;
                if (random.Next(3) == 0)
                {
                    Run(insertCategory, ratingId, company.Categories[(first + 1 + random.Next(company.Categories.Length - 1)) % company.Categories.Length]);
                    categories++;
                }
            }

            if (overall <= 2)
            {
                var alertId = Guid.CreateVersion7(submitted);
                var risk = (double)client.AnnualRevenue * (overall == 1 ? 0.5 : 0.3);
                var recent = now - submitted < TimeSpan.FromDays(3);
                Run(insertAlert, alertId, "Poor overall score", client.Id, lineId, transactionId, ratingId, "High", risk, risk * 3, recent ? "New" : "Closed",
                    submitted.UtcTicks, submitted.AddHours(4).UtcTicks, submitted.AddHours(72).UtcTicks,
                    recent ? null : submitted.AddMinutes(random.Next(10, 8 * 60)).UtcTicks, recent ? null : submitted.AddHours(random.Next(4, 96)).UtcTicks,
                    0, recent ? null : "Called the client.", Guid.NewGuid());
                Run(insertRoute, alertId, client.TeamId, "client team");
                if (lineTeam != client.TeamId)
                {
                    Run(insertRoute, alertId, lineTeam, "service line");
                }

                alerts++;
            }
        }

        transaction.Commit();
        return $"{invitations} transactions and invitations, {rated} ratings, {categories} failure categories named, {alerts} alerts";
    }

    /// <summary>Mostly satisfied, with a tail: 1 → 5%, 2 → 7%, 3 → 13%, 4 → 35%, 5 → 40%.</summary>
    private static int Overall(Random random) => random.Next(100) switch
    {
        < 5 => 1,
        < 12 => 2,
        < 25 => 3,
        < 60 => 4,
        _ => 5,
    };

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string table, params string[] columns)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        for (var i = 0; i < columns.Length; i++)
        {
            command.Parameters.Add(new SqliteParameter($"$p{i}", null));
        }

        command.Prepare();
        return command;
    }

    /// <summary>Binds the values as EF Core stores them on SQLite: ids as upper-case text, instants as UTC ticks.</summary>
    private static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] switch
            {
                null => DBNull.Value,
                Guid id => id.ToString().ToUpperInvariant(),
                var value => value,
            };
        }

        command.ExecuteNonQuery();
    }

    private sealed record ClientRow(Guid Id, Guid TeamId, decimal AnnualRevenue, Guid[] Contacts);

    private sealed record Company(ClientRow[] Clients, (Guid Id, Guid TeamId)[] Lines, Guid[] Categories);
}
