namespace ServiceExcellence.Application.Alerts;

/// <summary>
/// The <c>Alerts</c> configuration section: the churn-risk weights of "return on satisfaction".
/// Revenue at risk = client annual revenue × the weight of the overall score (or of a guarantee invocation).
/// </summary>
public sealed class AlertOptions
{
    public const string Section = "Alerts";

    public decimal WeightScore1 { get; set; } = 0.5m;
    public decimal WeightScore2 { get; set; } = 0.3m;
    public decimal WeightScore3 { get; set; } = 0.1m;
    public decimal WeightGuarantee { get; set; } = 0.5m;

    public decimal WeightOf(int overall) => overall switch
    {
        1 => WeightScore1,
        2 => WeightScore2,
        3 => WeightScore3,
        _ => 0m,
    };

    public string Formula =>
        $"revenue at risk = client annual revenue × churn-risk weight (score 1: {WeightScore1:0.##}, 2: {WeightScore2:0.##}, 3: {WeightScore3:0.##}, guarantee: {WeightGuarantee:0.##})";
}
