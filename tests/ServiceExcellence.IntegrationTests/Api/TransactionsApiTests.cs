using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Ratings;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Domain.Surveys;
using ServiceExcellence.Domain.Transactions;
using ServiceExcellence.Infrastructure.Persistence;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Api;

public sealed class TransactionsApiTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private TestData _data = default!;
    private HttpClient _crm = default!;

    public async ValueTask InitializeAsync()
    {
        _data = await TestData.SeedAsync(_app);
        _crm = ApiKit.Client(_app, await ApiKit.CreateKeyAsync(_app, "crm"));
    }

    public async ValueTask DisposeAsync()
    {
        _crm.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_posted_transaction_is_recorded_under_the_keys_source_with_its_survey_and_answered_201_with_its_location()
    {
        var response = await _crm.PostAsync(ApiKit.Transaction("T-1"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = await _app.QueryAsync(db => db.Transactions.SingleAsync());
        Assert.Equal($"/api/v1/transactions/{stored.Id}", response.Headers.Location!.ToString());
        Assert.Equal(("crm", "T-1"), (stored.SourceSystem, stored.ExternalReference));
        Assert.Equal((_data.Northwind.Id, _data.Anna.Id, _data.Repair.Id), (stored.ClientId, stored.ContactId, stored.ServiceLineId));
        Assert.Equal(new DateTimeOffset(2026, 6, 14, 13, 30, 0, TimeSpan.Zero), stored.OccurredAt);
        Assert.Equal((Channel.OnSite, 480.5m, "EUR"), (stored.Channel, stored.InvoicedAmount, stored.Currency));
        Assert.Equal(_data.Operations.Id, stored.PerformedByTeamId);
        Assert.Equal(1, await _app.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == "anna@northwind.example")));

        var body = await response.JsonAsync();
        Assert.Equal(stored.Id.ToString(), body.GetProperty("id").GetString());
        Assert.Equal("CRM-1", body.GetProperty("clientReference").GetString());
        Assert.Equal("REPAIR", body.GetProperty("serviceLine").GetString());
        Assert.Equal("OnSite", body.GetProperty("channel").GetString());
        Assert.Equal("Pending", body.GetProperty("invitation").GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_same_transaction_posted_again_is_answered_200_with_the_first_and_nothing_new_is_stored()
    {
        var first = await _crm.PostAsync(ApiKit.Transaction("T-1"));
        var again = await _crm.PostAsync(ApiKit.Transaction("T-1").With("currency", "eur").With("contact.email", "ANNA@northwind.example"));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((await first.JsonAsync()).GetProperty("id").GetString(), (await again.JsonAsync()).GetProperty("id").GetString());
        Assert.Equal(1, await _app.QueryAsync(db => db.Transactions.CountAsync()));
        Assert.Equal(1, await _app.QueryAsync(db => db.OutboxMessages.CountAsync()));
    }

    [Fact]
    public async Task The_same_reference_with_different_data_is_a_409_naming_the_fields_and_changes_nothing()
    {
        await _crm.PostAsync(ApiKit.Transaction("T-1"));

        var response = await _crm.PostAsync(ApiKit.Transaction("T-1").With("invoicedAmount", 99m).With("occurredAt", "2026-06-14T15:30:00Z"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(["invoicedAmount", "occurredAt"], await response.ErrorFieldsAsync());
        var stored = await _app.QueryAsync(db => db.Transactions.SingleAsync());
        Assert.Equal(480.5m, stored.InvoicedAmount);
        Assert.Equal($"/api/v1/transactions/{stored.Id}", (await response.JsonAsync()).GetProperty("existing").GetString());
    }

    [Fact]
    public async Task The_same_reference_from_another_source_is_another_transaction()
    {
        using var billing = ApiKit.Client(_app, await ApiKit.CreateKeyAsync(_app, "billing", "Billing"));

        Assert.Equal(HttpStatusCode.Created, (await _crm.PostAsync(ApiKit.Transaction("T-1"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await billing.PostAsync(ApiKit.Transaction("T-1"))).StatusCode);

        Assert.Equal(["billing", "crm"], await _app.QueryAsync(db => db.Transactions.Select(t => t.SourceSystem).OrderBy(s => s).ToListAsync()));
    }

    [Fact]
    public async Task Missing_and_malformed_fields_are_a_400_naming_each_field_and_nothing_is_stored()
    {
        var body = ApiKit.Transaction("T-1").Without("externalReference")
            .With("occurredAt", "2026-06-14T15:30:00")
            .With("contact.email", "not-an-email")
            .With("currency", "EURO")
            .With("channel", "Pigeon");

        var response = await _crm.PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["channel", "contact.email", "currency", "externalReference", "occurredAt"], await response.ErrorFieldsAsync());
        Assert.Equal(0, await _app.QueryAsync(db => db.Transactions.CountAsync()));
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_a_400_naming_its_field()
    {
        var response = await _crm.PostAsync(ApiKit.Transaction("T-1").With("invoicedAmount", "a lot"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["invoicedAmount"], await response.ErrorFieldsAsync());
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_400()
    {
        var response = await _crm.PostAsync("/api/v1/transactions", new StringContent("{\"externalReference\": ", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["body"], await response.ErrorFieldsAsync());
    }

    [Fact]
    public async Task Unknown_client_service_line_and_staff_member_are_a_422_naming_each_field()
    {
        var body = ApiKit.Transaction("T-1").With("clientReference", "CRM-404").With("serviceLine", "NOPE").With("performedBy", "nobody@staff.example");

        var response = await _crm.PostAsync(body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(["clientReference", "performedBy", "serviceLine"], await response.ErrorFieldsAsync());
        Assert.Equal(0, await _app.QueryAsync(db => db.Transactions.CountAsync()));
    }

    [Fact]
    public async Task A_new_contact_is_created_under_the_client_and_the_staff_member_is_found_by_email()
    {
        var tech = await _app.CreatePersonAsync(StaffRole.TeamMember, "tech@staff.example");
        var body = ApiKit.Transaction("T-1", "Ben@Northwind.example").With("contact.name", "Ben Becker").With("contact.language", "de")
            .With("performedBy", "TECH@staff.example");

        Assert.Equal(HttpStatusCode.Created, (await _crm.PostAsync(body)).StatusCode);

        var ben = await _app.QueryAsync(db => db.Contacts.SingleAsync(c => c.Email == "ben@northwind.example"));
        Assert.Equal((_data.Northwind.Id, "Ben Becker", "de"), (ben.ClientId, ben.Name, ben.Language));
        var stored = await _app.QueryAsync(db => db.Transactions.SingleAsync());
        Assert.Equal((ben.Id, tech.Id), (stored.ContactId, stored.PerformedByPersonId));
    }

    [Fact]
    public async Task Requests_without_a_valid_key_are_a_401()
    {
        using var anonymous = ApiKit.Client(_app, null);
        using var wrong = ApiKit.Client(_app, "se_" + new string('x', 43));
        using var staff = await _app.SignInAsync(StaffRole.Administrator);

        foreach (var client in new[] { anonymous, wrong, staff.Client })
        {
            var response = await client.PostAsync(ApiKit.Transaction("T-1"));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/clients")).StatusCode);
        }

        Assert.Equal(0, await _app.QueryAsync(db => db.Transactions.CountAsync()));
    }

    [Fact]
    public async Task A_revoked_key_is_refused_and_a_used_key_shows_when_it_was_last_used()
    {
        var key = await ApiKit.CreateKeyAsync(_app, "ticketing", "Ticketing");
        using var ticketing = ApiKit.Client(_app, key);
        Assert.Equal(HttpStatusCode.OK, (await ticketing.GetAsync("/api/v1/service-lines")).StatusCode);
        var stored = await _app.QueryAsync(db => db.ApiKeys.SingleAsync(k => k.SourceSystem == "ticketing"));
        Assert.Equal(_app.Clock.GetUtcNow(), stored.LastUsedAt);
        Assert.DoesNotContain(key, stored.Hash, StringComparison.Ordinal);
        Assert.Equal(key[..10], stored.Prefix);

        await _app.SendAsAdministratorAsync<string>(new ServiceExcellence.Application.ApiKeys.RevokeApiKey.Command(stored.Id));

        Assert.Equal(HttpStatusCode.Unauthorized, (await ticketing.GetAsync("/api/v1/service-lines")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _crm.GetAsync("/api/v1/service-lines")).StatusCode);
    }

    [Fact]
    public async Task A_batch_records_its_good_items_and_answers_each_bad_one_with_its_own_status()
    {
        await _crm.PostAsync(ApiKit.Transaction("OLD-SAME"));
        await _crm.PostAsync(ApiKit.Transaction("OLD-DIFF"));

        var response = await _crm.PostBatchAsync(
            ApiKit.Transaction("B-1"),
            ApiKit.Transaction("B-2").Without("occurredAt"),
            ApiKit.Transaction("B-3").With("clientReference", "CRM-404"),
            ApiKit.Transaction("OLD-SAME"),
            ApiKit.Transaction("OLD-DIFF").With("channel", "Phone"),
            ApiKit.Transaction("B-4").With("invoicedAmount", new JsonObject()),
            ApiKit.Transaction("B-5", "new.person@northwind.example"),
            ApiKit.Transaction("B-1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        var results = body.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal([201, 400, 422, 200, 409, 400, 201, 200], results.Select(r => r.GetProperty("status").GetInt32()));
        Assert.Equal(Enumerable.Range(0, 8), results.Select(r => r.GetProperty("index").GetInt32()));
        Assert.Equal("occurredAt", Assert.Single(results[1].GetProperty("errors").EnumerateObject()).Name);
        Assert.Equal("clientReference", Assert.Single(results[2].GetProperty("errors").EnumerateObject()).Name);
        Assert.Equal("channel", Assert.Single(results[4].GetProperty("errors").EnumerateObject()).Name);
        Assert.Equal("invoicedAmount", Assert.Single(results[5].GetProperty("errors").EnumerateObject()).Name);
        Assert.Equal(results[0].GetProperty("id").GetString(), results[7].GetProperty("id").GetString());
        Assert.Equal((2, 2, 1, 3), (body.GetProperty("created").GetInt32(), body.GetProperty("existing").GetInt32(), body.GetProperty("conflicts").GetInt32(), body.GetProperty("rejected").GetInt32()));

        var references = await _app.QueryAsync(db => db.Transactions.Select(t => t.ExternalReference).OrderBy(r => r).ToListAsync());
        Assert.Equal(["B-1", "B-5", "OLD-DIFF", "OLD-SAME"], references);
        Assert.Equal(HttpStatusCode.OK, (await _crm.GetAsync(results[6].GetProperty("location").GetString())).StatusCode);
    }

    [Fact]
    public async Task A_contact_in_a_batch_twice_is_asked_once_and_the_second_survey_says_why_not()
    {
        var response = await _crm.PostBatchAsync(ApiKit.Transaction("S-1"), ApiKit.Transaction("S-2"), ApiKit.Transaction("S-3", "new@northwind.example"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var invitations = await _app.QueryAsync(db => db.Transactions
            .OrderBy(t => t.ExternalReference)
            .Select(t => db.SurveyInvitations.Where(i => i.TransactionId == t.Id).Select(i => new { i.Status, i.SuppressionReason }).Single())
            .ToListAsync());
        Assert.Equal(
            [(InvitationStatus.Pending, (SuppressionReason?)null), (InvitationStatus.Suppressed, SuppressionReason.Throttled), (InvitationStatus.Pending, null)],
            invitations.Select(i => (i.Status, i.SuppressionReason)));
        Assert.Equal(2, await _app.QueryAsync(db => db.OutboxMessages.CountAsync()));
    }

    [Fact]
    public async Task A_batch_of_more_than_a_thousand_is_refused_whole()
    {
        var items = Enumerable.Range(0, 1_001).Select(i => (JsonNode)ApiKit.Transaction($"B-{i}")).ToArray();

        var response = await _crm.PostBatchAsync(items);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["transactions"], await response.ErrorFieldsAsync());
        Assert.Equal(0, await _app.QueryAsync(db => db.Transactions.CountAsync()));
    }

    [Fact]
    public async Task Identical_posts_arriving_together_store_one_transaction()
    {
        var clients = Enumerable.Range(0, 8).Select(_ => ApiKit.Client(_app, null)).ToList();
        var key = await ApiKit.CreateKeyAsync(_app, "race", "Race");
        clients.ForEach(c => c.DefaultRequestHeaders.Add("X-Api-Key", key));

        var responses = await Task.WhenAll(clients.Select(c => c.PostAsync(ApiKit.Transaction("SAME"))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(1, await _app.QueryAsync(db => db.Transactions.CountAsync(t => t.SourceSystem == "race")));
        Assert.Equal(1, await _app.QueryAsync(db => db.OutboxMessages.CountAsync()));
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task The_database_refuses_a_second_transaction_with_the_same_source_and_reference_as_a_unique_violation()
    {
        // What a request that lost the race meets on insert; TransactionPoster then answers it from the first.
        await _crm.PostAsync(ApiKit.Transaction("T-1"));

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => _app.ExecuteAsync(db =>
        {
            db.Transactions.Add(new Transaction("crm", "T-1", _data.Northwind, _data.Anna, _data.Repair, null, null, _app.Clock.GetUtcNow(), Channel.Phone, 0m, "EUR"));
            return Task.CompletedTask;
        }));

        Assert.True(DatabaseErrors.IsUniqueViolation(error));
    }

    [Fact]
    public async Task A_transaction_is_read_back_with_its_rating_and_only_by_its_own_source()
    {
        var created = await _crm.PostAsync(ApiKit.Transaction("T-1"));
        var location = created.Headers.Location!.ToString();
        var id = Guid.Parse(location[(location.LastIndexOf('/') + 1)..]);
        var token = await Surveys.SurveyLinks.MintAsync(_app, id);
        await _app.SendAsync<SubmitRating.Result>(new SubmitRating.Command { Token = token, Overall = 2, Comment = "Late again", Language = "en" });

        var read = await _crm.GetAsync(location);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var body = await read.JsonAsync();
        Assert.Equal("Responded", body.GetProperty("invitation").GetProperty("status").GetString());
        Assert.Equal(2, body.GetProperty("rating").GetProperty("overall").GetInt32());
        Assert.False(body.GetProperty("rating").TryGetProperty("comment", out _));

        using var billing = ApiKit.Client(_app, await ApiKit.CreateKeyAsync(_app, "billing", "Billing"));
        Assert.Equal(HttpStatusCode.NotFound, (await billing.GetAsync(location)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _crm.GetAsync($"/api/v1/transactions/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Clients_and_service_lines_are_listed_by_page_so_an_integrator_can_map_its_references()
    {
        var clients = await (await _crm.GetAsync("/api/v1/clients?page=1&pageSize=10")).JsonAsync();
        var client = Assert.Single(clients.GetProperty("items").EnumerateArray());
        Assert.Equal(("CRM-1", "Northwind Traders"), (client.GetProperty("externalId").GetString(), client.GetProperty("name").GetString()));
        Assert.Equal((1, 10, 1), (clients.GetProperty("page").GetInt32(), clients.GetProperty("pageSize").GetInt32(), clients.GetProperty("totalCount").GetInt32()));

        var lines = await (await _crm.GetAsync("/api/v1/service-lines")).JsonAsync();
        Assert.Equal("REPAIR", Assert.Single(lines.GetProperty("items").EnumerateArray()).GetProperty("code").GetString());
    }

    [Theory]
    [InlineData(2)]
    [InlineData(int.MaxValue)]
    public async Task A_page_past_the_last_one_is_empty_however_large_its_number(int page)
    {
        var response = await _crm.GetAsync($"/api/v1/clients?page={page}&pageSize=200");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var clients = await response.JsonAsync();
        Assert.Empty(clients.GetProperty("items").EnumerateArray());
        Assert.Equal((page, 1), (clients.GetProperty("page").GetInt32(), clients.GetProperty("totalCount").GetInt32()));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api_and_its_key_without_signing_in()
    {
        using var anonymous = ApiKit.Client(_app, null);

        var response = await anonymous.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.JsonAsync();
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["/api/v1/clients", "/api/v1/service-lines", "/api/v1/transactions", "/api/v1/transactions/batch", "/api/v1/transactions/{id}"], paths.Order(StringComparer.Ordinal));
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal(("apiKey", "header", "X-Api-Key"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("in").GetString(), scheme.GetProperty("name").GetString()));
        var post = document.GetProperty("paths").GetProperty("/api/v1/transactions").GetProperty("post");
        Assert.Equal(["200", "201", "400", "401", "409", "422", "429"], post.GetProperty("responses").EnumerateObject().Select(r => r.Name).Order(StringComparer.Ordinal));
    }
}

public sealed class ApiRateLimitTests : IAsyncLifetime
{
    private readonly AppFactory _app = new() { Settings = { ["RateLimits:ApiRequestsPerMinute"] = "3" } };

    public async ValueTask InitializeAsync() => await TestData.SeedAsync(_app);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task A_key_over_its_rate_limit_gets_429_with_retry_after_while_another_key_goes_on()
    {
        using var busy = ApiKit.Client(_app, await ApiKit.CreateKeyAsync(_app, "busy", "Busy"));
        using var quiet = ApiKit.Client(_app, await ApiKit.CreateKeyAsync(_app, "quiet", "Quiet"));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/api/v1/service-lines")).StatusCode);
        }

        var refused = await busy.PostAsync(ApiKit.Transaction("T-1"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(0, await _app.QueryAsync(db => db.Transactions.CountAsync()));
        Assert.Equal(HttpStatusCode.OK, (await quiet.GetAsync("/api/v1/service-lines")).StatusCode);
    }
}
