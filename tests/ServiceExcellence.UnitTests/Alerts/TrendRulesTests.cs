using ServiceExcellence.Application.Alerts;

namespace ServiceExcellence.UnitTests.Alerts;

public sealed class TrendRulesTests
{
    private static TrendRules.ClientAverages Averages(int baselineRatings, int baselineTotal, int windowRatings, int windowTotal) =>
        new() { BaselineRatings = baselineRatings, BaselineTotal = baselineTotal, WindowRatings = windowRatings, WindowTotal = windowTotal };

    [Fact]
    public void A_drop_of_exactly_the_threshold_fires_although_doubles_would_make_it_smaller()
    {
        var averages = Averages(3, 12, 5, 16); // 4.0 → 3.2

        Assert.True(4.0 - 3.2 < 0.8); // why the averages are decimals
        Assert.True(averages.Fires(0.8m));
        Assert.False(averages.Fires(0.81m));
    }

    [Fact]
    public void A_drop_needs_three_ratings_in_each_period()
    {
        Assert.False(Averages(2, 10, 5, 5).Fires(0.8m));
        Assert.False(Averages(5, 25, 2, 2).Fires(0.8m));
        Assert.True(Averages(3, 15, 3, 3).Fires(0.8m));
    }

    [Fact]
    public void A_recent_average_is_priced_by_its_score_rounded_half_up()
    {
        Assert.Equal(3, Averages(3, 15, 4, 10).RoundedWindowAverage); // 2.5
        Assert.Equal(2, Averages(3, 15, 4, 9).RoundedWindowAverage); // 2.25
    }

    [Fact]
    public void The_title_and_detail_state_the_measured_values()
    {
        var averages = Averages(3, 13, 3, 9); // 4.33 → 3

        Assert.Equal("Northwind: average fell from 4.3 to 3.0 over 30 days", averages.Title("Northwind", 30));
        Assert.Equal("average 3.0 over the last 30 days (3 ratings) against 4.33 over the 90 days before (3 ratings): fell 1.33 ≥ 0.8",
            averages.Detail(30, 90, 0.8m));
    }

    [Fact]
    public void A_long_client_name_is_shortened_to_fit_the_title()
    {
        var title = Averages(3, 15, 3, 3).Title(new string('N', 200), 30);

        Assert.Equal(200, title.Length);
        Assert.EndsWith("…: average fell from 5.0 to 1.0 over 30 days", title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(7, 10, true)]
    [InlineData(8, 10, false)]
    [InlineData(0, 9, false)]
    public void A_team_is_below_target_with_csat_under_the_threshold_and_at_least_ten_ratings(int satisfied, int ratings, bool fires)
    {
        Assert.Equal(fires, new TrendRules.TeamCsat { Ratings = ratings, Satisfied = satisfied }.Fires(80m));
    }

    [Fact]
    public void Csat_just_under_target_never_reads_as_the_target()
    {
        var csat = new TrendRules.TeamCsat { Ratings = 2_500, Satisfied = 1_999 }; // 79.96%

        Assert.True(csat.Fires(80m));
        Assert.Equal("Field Service: CSAT 79.9% over 30 days (target 80%)", csat.Title("Field Service", 30, 80m));
    }

    [Fact]
    public void A_response_rate_collapse_is_measured_in_percentage_points()
    {
        var rates = new TrendRules.ClientResponseRates { BaselineSent = 10, BaselineAnswered = 8, WindowSent = 10, WindowAnswered = 5 };

        Assert.True(rates.Fires(30m)); // 80% → 50%: exactly 30 points
        Assert.False(rates.Fires(31m));
        Assert.Equal("Northwind: response rate fell from 80% to 50% over 30 days", rates.Title("Northwind", 30));
    }

    [Fact]
    public void A_response_rate_needs_five_sent_surveys_in_each_period()
    {
        Assert.False(new TrendRules.ClientResponseRates { BaselineSent = 4, BaselineAnswered = 4, WindowSent = 10, WindowAnswered = 0 }.Fires(30m));
        Assert.False(new TrendRules.ClientResponseRates { BaselineSent = 10, BaselineAnswered = 10, WindowSent = 4, WindowAnswered = 0 }.Fires(30m));
    }
}
