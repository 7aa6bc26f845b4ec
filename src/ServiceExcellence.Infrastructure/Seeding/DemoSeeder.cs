using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ServiceExcellence.Application.ApiKeys;
using ServiceExcellence.Domain.Clients;
using ServiceExcellence.Domain.Integrations;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Domain.ServiceLines;
using ServiceExcellence.Domain.Teams;
using ServiceExcellence.Domain.Transactions;
using ServiceExcellence.Infrastructure.Identity;
using ServiceExcellence.Infrastructure.Persistence;

namespace ServiceExcellence.Infrastructure.Seeding;

/// <summary>
/// A deterministic demo company for a newcomer: teams, people with demo sign-ins, clients with contacts,
/// service lines and six months of transactions. Runs only on an empty database and only when enabled.
/// </summary>
public sealed class DemoSeeder(AppDbContext db, UserManager<StaffUser> users, TimeProvider clock, ILogger<DemoSeeder> logger)
{
    /// <summary>The password of every demo sign-in (listed in the README).</summary>
    public const string DemoPassword = "Demo-Excellence-2026";

    /// <summary>The demo API key (listed in the README, marked as a demo key in the app); it exists only in a seeded demo database.</summary>
    public const string DemoApiKey = "se_DemoKey-DevelopmentOnly-NotASecret-2026";

    private static readonly string[] ClientFirst =
    [
        "Northwind", "Contoso", "Fabrikam", "Tailspin", "Wingtip", "Adventure", "Litware", "Proseware", "Lucerne", "Margie's",
        "Alpine", "Blue Yonder", "Coho", "Fourth Coffee", "Graphic Design", "Humongous", "Trey", "Wide World", "Woodgrove", "Bellows",
    ];

    private static readonly string[] ClientSecond = ["Traders", "Logistics"];

    private static readonly string[] Segments = ["Enterprise", "Mid-market", "Small business"];

    private static readonly string[] FirstNames =
    [
        "Anna", "Ben", "Chloé", "David", "Elif", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Kemal", "Lena", "Marta", "Nils",
        "Olga", "Pedro", "Quinn", "Rosa", "Sven", "Tara", "Umar", "Vera", "Wim", "Yara",
    ];

    private static readonly string[] LastNames =
    [
        "Andersen", "Becker", "Costa", "Dubois", "Eriksen", "Fischer", "García", "Horvat", "Ivanova", "Jansen", "Kowalski",
        "Lindqvist", "Moreau", "Novak", "O'Brien", "Petrov", "Rossi", "Schmidt", "Tanaka", "Weber",
    ];

    public async Task SeedIfEmptyAsync(CancellationToken cancellationToken)
    {
        if (await db.People.AnyAsync(cancellationToken) || await db.Clients.AnyAsync(cancellationToken))
        {
            return;
        }

        var random = new Random(20260101);
        var now = clock.GetUtcNow();

        var people = await SeedPeopleAsync(cancellationToken);
        var teams = SeedTeams(people);
        var lines = SeedServiceLines(teams);
        var clients = SeedClients(random, teams);
        var transactions = SeedTransactions(random, now, clients, lines, people);
        var categories = DemoSurveys.SeedFailureCategories(db);
        var ratings = DemoSurveys.SeedSurveys(db, random, now, transactions, clients, lines, categories);
        var rules = await db.AlertRules.AsNoTracking().ToListAsync(cancellationToken);
        var managers = teams.Values.ToDictionary(t => t.Id, t => t.ManagerId ?? Guid.Empty);
        var alerts = DemoAlerts.Seed(db, random, now, ratings, clients, lines, categories, rules, managers);
        DemoGuarantees.Seed(db, now, transactions, clients, lines, rules, people["president"].Id);
        db.ApiKeys.Add(new ApiKey("Demo CRM", "demo-crm", ApiKeyValues.PrefixOf(DemoApiKey), ApiKeyValues.HashOf(DemoApiKey), now, people["admin"].Id, isDemo: true));

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Seeded the demo company: {Clients} clients, {Transactions} transactions, {Ratings} ratings, {Alerts} alerts", clients.Count, transactions.Count, ratings.Count, alerts);
    }

    private async Task<Dictionary<string, Person>> SeedPeopleAsync(CancellationToken cancellationToken)
    {
        (string Key, string Name, StaffRole Role)[] staff =
        [
            ("admin", "Alex Admin", StaffRole.Administrator),
            ("president", "Patricia President", StaffRole.President),
            ("manager", "Morgan Manager", StaffRole.Manager),
            ("member", "Mia Member", StaffRole.TeamMember),
            ("north.manager", "Noah Lindqvist", StaffRole.Manager),
            ("ops.manager", "Olivia Becker", StaffRole.Manager),
            ("field.manager", "Felix Moreau", StaffRole.Manager),
            ("billing.manager", "Bianca Rossi", StaffRole.Manager),
            ("field.tech", "Tomás García", StaffRole.TeamMember),
            ("order.clerk", "Oskar Novak", StaffRole.TeamMember),
            ("account.rep", "Ada Jansen", StaffRole.TeamMember),
            ("billing.clerk", "Ben Weber", StaffRole.TeamMember),
        ];

        // One hash for all demo accounts: hashing is deliberately slow.
        var passwordHash = users.PasswordHasher.HashPassword(new StaffUser(), DemoPassword);
        var people = new Dictionary<string, Person>();
        foreach (var (key, name, role) in staff)
        {
            var person = new Person(name, $"{key}@example.com", role);
            db.People.Add(person);
            var user = new StaffUser
            {
                Id = person.Id,
                UserName = person.Email,
                Email = person.Email,
                EmailConfirmed = true,
                DisplayName = person.DisplayName,
                LockoutEnabled = true,
                PasswordHash = passwordHash,
            };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException("Demo sign-in could not be created: " + string.Join("; ", created.Errors.Select(e => e.Description)));
            }

            await users.AddToRoleAsync(user, role.ToString());
            people[key] = person;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return people;
    }

    private Dictionary<string, Team> SeedTeams(Dictionary<string, Person> people)
    {
        (string Key, string Name, TeamKind Kind, string Manager, string[] Members)[] plan =
        [
            ("north", "Client Team North", TeamKind.Client, "manager", ["member", "account.rep"]),
            ("south", "Client Team South", TeamKind.Client, "north.manager", ["account.rep"]),
            ("key", "Key Accounts", TeamKind.Client, "manager", ["member"]),
            ("orders", "Order Operations", TeamKind.Operations, "ops.manager", ["order.clerk", "member"]),
            ("field", "Field Service", TeamKind.Operations, "field.manager", ["field.tech"]),
            ("billing", "Billing & Finance", TeamKind.Operations, "billing.manager", ["billing.clerk"]),
            ("council", "Service Excellence Council", TeamKind.KeySuccess, "president", ["ops.manager", "manager", "field.manager"]),
        ];

        var teams = new Dictionary<string, Team>();
        foreach (var (key, name, kind, manager, members) in plan)
        {
            var team = new Team(name, kind);
            team.AppointManager(people[manager].Id);
            foreach (var member in members)
            {
                team.AddMember(people[member].Id);
            }

            db.Teams.Add(team);
            teams[key] = team;
        }

        return teams;
    }

    private List<ServiceLine> SeedServiceLines(Dictionary<string, Team> teams)
    {
        List<ServiceLine> lines =
        [
            new("ORDER", "Order entry", teams["orders"]),
            new("SUPPORT", "Customer support", teams["orders"]),
            new("REPAIR", "Field repair", teams["field"]),
            new("INSTALL", "Installation", teams["field"]),
            new("BILLING", "Billing", teams["billing"]),
            new("DELIVERY", "Delivery", teams["orders"]),
        ];
        db.ServiceLines.AddRange(lines);
        return lines;
    }

    private List<Client> SeedClients(Random random, Dictionary<string, Team> teams)
    {
        Team[] clientTeams = [teams["north"], teams["south"], teams["key"]];
        var clients = new List<Client>();
        for (var i = 0; i < 40; i++)
        {
            var name = $"{ClientFirst[i % ClientFirst.Length]} {ClientSecond[i / ClientFirst.Length]}";
            var segment = Segments[i % Segments.Length];
            var revenue = segment switch
            {
                "Enterprise" => random.Next(1_000, 5_000) * 1_000m,
                "Mid-market" => random.Next(200, 1_000) * 1_000m,
                _ => random.Next(20, 200) * 1_000m,
            };
            var team = segment == "Enterprise" && i % 2 == 0 ? clientTeams[2] : clientTeams[i % 2];
            var client = new Client(name, $"CRM-{1000 + i}", segment, revenue, team);
            var domain = name.ToLowerInvariant().Replace("'", string.Empty, StringComparison.Ordinal).Replace(' ', '-') + ".example";
            for (var c = 0; c < 3; c++)
            {
                var first = FirstNames[(i * 3 + c) % FirstNames.Length];
                var last = LastNames[(i * 7 + c * 3) % LastNames.Length];
                var language = i % 5 == 4 ? "de" : "en";
                var email = $"{RemoveAccents(first)}.{RemoveAccents(last)}@{domain}".ToLowerInvariant();
                client.AddContact($"{first} {last}", c == 2 && i % 13 == 0 ? null : email, language);
            }

            db.Clients.Add(client);
            clients.Add(client);
        }

        return clients;
    }

    private List<Transaction> SeedTransactions(Random random, DateTimeOffset now, List<Client> clients, List<ServiceLine> lines, Dictionary<string, Person> people)
    {
        var transactions = new List<Transaction>();
        Guid[] performers = [people["field.tech"].Id, people["order.clerk"].Id, people["billing.clerk"].Id, people["member"].Id];
        var channels = Enum.GetValues<Channel>();
        for (var i = 0; i < 2_000; i++)
        {
            var client = clients[random.Next(clients.Count)];
            var contact = client.Contacts.ElementAt(random.Next(client.Contacts.Count));
            var line = lines[random.Next(lines.Count)];
            var occurredAt = now.AddDays(-random.Next(0, 182)).AddHours(-random.Next(0, 10)).AddMinutes(-random.Next(0, 60));
            var amount = Math.Round((decimal)(random.NextDouble() * 4_900 + 100), 2);
            var transaction = new Transaction(
                "demo", $"DEMO-{i + 1:00000}", client, contact, line,
                random.Next(3) == 0 ? null : performers[random.Next(performers.Length)],
                null, occurredAt, channels[random.Next(channels.Length)], amount, "EUR");
            db.Transactions.Add(transaction);
            transactions.Add(transaction);
        }

        return transactions;
    }

    private static string RemoveAccents(string value) =>
        new(value.Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => char.IsAsciiLetter(c))
            .ToArray());
}
