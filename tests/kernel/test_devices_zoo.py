"""Stimulation and recording devices of the model zoo (spec §6.1, §6.3, §7.3): the reference case of
step_current_generator, activity windows of every device, parameter validation with the reference
messages, statistics of the random generators (fixed seeds, tolerances from the sample size),
deterministic output of ac/step/pulsepacket, correlation histograms on hand-computed input, and
deterministic scenarios recorded with NEST 3.10 (devices_zoo_scenarios.py)."""
import json

import numpy as np
import pytest

import devices_zoo_scenarios as zoo
from kernel_ref import REF_DIR, check_trace, load_case, replay, spike_times

H = 0.1  # ms, the default resolution


def record_each(nk, model, params, n_targets=1, t_sim=1000.0, defaults=None):
    """Connect one generator to n spike detectors (n independent targets); return their spike times."""
    if defaults:
        nk.set_defaults(model, defaults)
    g = nk.create(model, 1, params)
    sds = nk.create("spike_detector", n_targets)
    nk.connect(g, sds, {"rule": "all_to_all"}, {})
    nk.simulate(t_sim)
    return [nk.get_status([s])[0]["events"]["times"] for s in sds]


def assert_error(err, name, message):
    """SetStatus errors carry the reference message after a prefix naming the node."""
    assert err.value.errorname == name and err.value.message.endswith(message), err.value.message


def assert_count(n, expected, n_sigma=4.0, var_factor=1.0):
    """A count whose variance is var_factor * expected (1 for Poisson) lies within n_sigma."""
    assert abs(n - expected) < n_sigma * np.sqrt(var_factor * expected), (n, expected)


def cv_of(times):
    isi = np.diff(np.sort(times))
    return isi.std() / isi.mean(), len(isi)


def fano(times, t_sim, window):
    counts = np.histogram(times, np.arange(0.0, t_sim + window / 2, window))[0]
    return counts.var(ddof=1) / counts.mean(), len(counts)


def assert_cv(times, expected):
    cv, n = cv_of(times)
    # standard error of a CV estimate from n intervals is about CV * sqrt((1 + 2 CV^2) / (2 n))
    assert abs(cv - expected) < 4 * expected * np.sqrt((1 + 2 * expected**2) / (2 * n)), (cv, expected)


# ------------------------------------------------------------------ step_current_generator


def test_step_current_generator_matches_reference(nk):
    case = load_case("D_step_current_generator")
    gids = replay(nk, case)
    check_trace(nk, gids["mm"], "V_m", case["outputs"]["V_m"])  # max deviation 5.0e-10 mV (rounding)
    check_trace(nk, gids["mm_gen"], "I", case["outputs"]["generator_I"], tol=0.0)
    np.testing.assert_allclose(spike_times(nk, gids["sr"]), case["outputs"]["spike_times"], atol=1e-9)


def test_step_current_generator_holds_each_value_from_its_time(nk):
    g = nk.create("step_current_generator", 1,
                  {"amplitude_times": [1.0, 2.5], "amplitude_values": [10.0, -4.0]})
    mm = nk.create("multimeter", 1, {"interval": H, "record_from": ["I"]})
    nk.connect(mm, g, {"rule": "one_to_one"}, {})
    nk.simulate(5.0)
    ev = nk.get_status(mm)[0]["events"]
    expected = np.where(ev["times"] < 1.0 - 1e-9, 0.0, np.where(ev["times"] < 2.5 - 1e-9, 10.0, -4.0))
    np.testing.assert_array_equal(ev["I"], expected)


def test_step_current_generator_offgrid_times_round_up(nk):
    g = nk.create("step_current_generator", 1, {"allow_offgrid_times": True, "amplitude_times": [1.05, 2.0],
                                                "amplitude_values": [1.0, 2.0]})
    assert list(nk.get_status(g)[0]["amplitude_times"]) == [1.1, 2.0]


@pytest.mark.parametrize("params, message", [
    ({"amplitude_times": [1.0, 1.0], "amplitude_values": [1.0, 2.0]},
     "step_current_generator: amplitude times must be at strictly increasing time steps."),
    ({"amplitude_times": [2.0, 1.0], "amplitude_values": [1.0, 2.0]},
     "step_current_generator: amplitude times must be at strictly increasing time steps."),
    ({"amplitude_times": [1.05], "amplitude_values": [1.0]},
     "step_current_generator: Time point 1.05 is not representable in current resolution."),
    ({"amplitude_times": [1.0, 2.0], "amplitude_values": [1.0]},
     "Amplitude times and values have to be the same size."),
    ({"amplitude_times": [1.0]}, "Amplitude times and values must be reset together."),
    ({"amplitude_times": [0.0], "amplitude_values": [1.0]},
     "Amplitude can only be changed at strictly positive times (t > 0)."),
    ({"allow_offgrid_times": True, "amplitude_times": [1.04, 1.06], "amplitude_values": [1.0, 2.0]},
     "step_current_generator: amplitude times must be at strictly increasing time steps."),
])
def test_step_current_generator_rejects_bad_times(nk, params, message):
    g = nk.create("step_current_generator")
    with pytest.raises(nk.KernelError) as e:
        nk.set_status(g, params)
    assert_error(e, "BadProperty", message)
    assert list(nk.get_status(g)[0]["amplitude_times"]) == []  # nothing changed


def test_step_current_generator_offgrid_flag_needs_new_times(nk):
    g = nk.create("step_current_generator", 1, {"amplitude_times": [1.0], "amplitude_values": [1.0]})
    with pytest.raises(nk.KernelError) as e:
        nk.set_status(g, {"allow_offgrid_times": True})
    assert_error(e, "BadProperty", "allow_offgrid_times can only be changed before amplitude_times have been set, "
                                   "or together with amplitude_times and amplitude_values.")


# ------------------------------------------------------------------ ac_generator


def test_ac_generator_is_an_exact_sine(nk):
    p = {"amplitude": 50.0, "offset": 10.0, "frequency": 37.0, "phase": 30.0}
    g = nk.create("ac_generator", 1, p)
    n = nk.create("iaf_psc_alpha")
    nk.connect(g, n, {"rule": "one_to_one"}, {})
    mm = nk.create("multimeter", 1, {"interval": H, "record_from": ["I"]})
    nk.connect(mm, g, {"rule": "one_to_one"}, {})
    nk.simulate(100.0)
    nk.simulate(50.0)  # a second call continues the phase
    ev = nk.get_status(mm)[0]["events"]
    assert len(ev["times"]) == 1490
    t = ev["times"]
    expected = 10.0 + 50.0 * np.sin(2 * np.pi * 37.0 * t / 1000.0 + 30.0 * np.pi / 180.0)
    np.testing.assert_allclose(ev["I"], expected, rtol=0, atol=1e-9)
    st = nk.get_status(g)[0]
    assert {k: st[k] for k in p} == p


def test_ac_generator_current_reaches_the_neuron(nk):
    g = nk.create("ac_generator", 1, {"offset": 100.0})
    n = nk.create("iaf_psc_delta", 1, {"V_th": 1e9})
    nk.connect(g, n, {"rule": "one_to_one"}, {"delay": 1.0})
    nk.simulate(20.0)
    # constant 100 pA through C_m = 250 pF, tau_m = 10 ms: the first step's output (stamp 0.1 ms)
    # arrives after the 1 ms delay and drives the membrane from 1.1 ms on
    expected = -70.0 + 100.0 * 10.0 / 250.0 * (1 - np.exp(-(20.0 - 1.1) / 10.0))
    assert nk.get_status(n)[0]["V_m"] == pytest.approx(expected, abs=1e-9)


# ------------------------------------------------------------------ noise_generator


def test_noise_generator_mean_and_std_of_each_target(nk):
    g = nk.create("noise_generator", 1, {"mean": 50.0, "std": 20.0, "dt": 1.0})
    targets = nk.create("iaf_psc_alpha", 4)
    nk.connect(g, targets, {"rule": "all_to_all"}, {})
    mm = nk.create("multimeter", 1, {"interval": 1.0, "record_from": ["I"]})
    nk.connect(mm, g, {"rule": "one_to_one"}, {})
    nk.simulate(20001.0)
    i_avg = nk.get_status(mm)[0]["events"]["I"]
    n = len(i_avg)
    assert n == 20000
    # I is the average over 4 independent targets: mean 50, standard deviation 20 / 2
    assert abs(i_avg.mean() - 50.0) < 4 * 10.0 / np.sqrt(n)
    assert abs(i_avg.std() - 10.0) < 4 * 10.0 / np.sqrt(2 * n)


def test_noise_generator_is_piecewise_constant_over_dt(nk):
    g = nk.create("noise_generator", 1, {"mean": 0.0, "std": 1.0, "dt": 0.5})
    n = nk.create("iaf_psc_alpha")
    nk.connect(g, n, {"rule": "one_to_one"}, {})
    mm = nk.create("multimeter", 1, {"interval": H, "record_from": ["I"]})
    nk.connect(mm, g, {"rule": "one_to_one"}, {})
    nk.simulate(11.0)
    ev = nk.get_status(mm)[0]["events"]
    steps = np.rint(ev["times"] / H).astype(int)
    changes = steps[1:][np.diff(ev["I"]) != 0]
    # new values are drawn in the steps 0, 5, 10, ... (time stamps 0.1, 0.6, 1.1, ...)
    assert list(changes) == list(range(6, 101, 5))


@pytest.mark.parametrize("params, name, message", [
    ({"std": -1.0}, "BadProperty", "The standard deviation cannot be negative."),
    ({"std": 1.0, "std_mod": 2.0}, "BadProperty",
     "The modulation apmlitude must be smaller or equal to the baseline amplitude."),
    ({"dt": 0.25}, "StepMultipleRequired",
     "The time property dt = 0.25 ms (= 250 tics = 3 steps) of model noise_generator must be a multiple of the "
     "resolution 0.1 ms (= 100 tics = 1 step)."),
])
def test_noise_generator_rejects_bad_parameters(nk, params, name, message):
    g = nk.create("noise_generator")
    with pytest.raises(nk.KernelError) as e:
        nk.set_status(g, params)
    assert_error(e, name, message)


# ------------------------------------------------------------------ pulsepacket_generator


def test_pulsepacket_generator_without_jitter_sends_one_event_per_pulse(nk):
    g = nk.create("pulsepacket_generator", 1, {"pulse_times": [30.0, 10.0], "activity": 5, "sdev": 0.0})
    assert list(nk.get_status(g)[0]["pulse_times"]) == [10.0, 30.0]
    n = nk.create("parrot_neuron")
    sd = nk.create("spike_detector")
    nk.connect(g, n, {"rule": "one_to_one"}, {"delay": 1.0})
    nk.connect(n, sd, {"rule": "one_to_one"}, {})
    nk.simulate(50.0)
    # the 5 spikes of a pulse fall in the step ending at the pulse time; they are sent in the
    # following step as one event of multiplicity 5 and arrive one delay later
    assert list(spike_times(nk, sd)) == [11.1] * 5 + [31.1] * 5


def test_pulsepacket_generator_gaussian_packets(nk):
    (t,) = record_each(nk, "pulsepacket_generator",
                       {"pulse_times": [100.0, 300.0], "activity": 2000, "sdev": 5.0}, t_sim=500.0)
    first, second = t[t < 200.0], t[t >= 200.0]
    assert len(first) == len(second) == 2000
    for packet, centre in ((first, 100.0), (second, 300.0)):
        # on the grid the mean moves by about one step (stamp of the step end plus send lag)
        assert abs(packet.mean() - (centre + 1.5 * H)) < 4 * 5.0 / np.sqrt(2000)
        assert abs(packet.std() - 5.0) < 4 * 5.0 / np.sqrt(2 * 2000)


@pytest.mark.parametrize("params, message", [
    ({"activity": -1}, "The activity cannot be negative."),
    ({"sdev": -1.0}, "The standard deviation cannot be negative."),
])
def test_pulsepacket_generator_rejects_bad_parameters(nk, params, message):
    with pytest.raises(nk.KernelError) as e:
        nk.create("pulsepacket_generator", 1, params)
    assert_error(e, "BadProperty", message)


# ------------------------------------------------------------------ Poisson-type generators


def test_sinusoidal_poisson_generator_rate_follows_the_sine(nk):
    rate, amp, f = 40.0, 30.0, 10.0
    trains = record_each(nk, "sinusoidal_poisson_generator",
                         {"rate": rate, "amplitude": amp, "frequency": f}, n_targets=4, t_sim=10000.0)
    allt = np.concatenate(trains)
    assert_count(len(allt), 4 * rate * 10.0)
    # spikes in the rising half of each period vs the falling half: expected (rate +- 2 amp / pi) / 2
    phase = (allt * f / 1000.0) % 1.0
    upper = np.count_nonzero(phase < 0.5)
    expected_upper = 4 * 10.0 * (rate + 2 * amp / np.pi) / 2
    assert_count(upper, expected_upper)
    for tr in trains:
        ff, k = fano(tr, 10000.0, 100.0)
        assert abs(ff - 1.0) < 4 * np.sqrt(2.0 / (k - 1)) + 0.1  # rate modulation inflates it a little


def test_sinusoidal_poisson_generator_individual_or_shared_trains(nk):
    trains = record_each(nk, "sinusoidal_poisson_generator", {"rate": 100.0}, n_targets=2, t_sim=1000.0)
    assert not np.array_equal(trains[0], trains[1])
    nk.reset_kernel()
    trains = record_each(nk, "sinusoidal_poisson_generator", {"rate": 100.0}, n_targets=2, t_sim=1000.0,
                         defaults={"individual_spike_trains": False})
    assert len(trains[0]) > 50 and np.array_equal(trains[0], trains[1])


def test_sinusoidal_poisson_generator_records_its_rate(nk):
    g = nk.create("sinusoidal_poisson_generator", 1, {"rate": 20.0, "amplitude": 5.0, "frequency": 50.0})
    mm = nk.create("multimeter", 1, {"interval": H, "record_from": ["rate"]})
    nk.connect(mm, g, {"rule": "one_to_one"}, {})
    nk.simulate(30.0)
    ev = nk.get_status(mm)[0]["events"]
    np.testing.assert_allclose(ev["rate"], 20.0 + 5.0 * np.sin(2 * np.pi * 50.0 * ev["times"] / 1000.0), atol=1e-9)


@pytest.mark.parametrize("model", ["sinusoidal_poisson_generator", "sinusoidal_gamma_generator"])
def test_individual_spike_trains_only_as_a_default(nk, model):
    g = nk.create(model)
    with pytest.raises(nk.KernelError) as e:
        nk.set_status(g, {"individual_spike_trains": False})
    assert_error(e, "BadProperty", "The individual_spike_trains property can only be set as a model default "
                                   "using SetDefaults or upon CopyModel.")
    nk.copy_model(model, "shared_" + model, {"individual_spike_trains": False})
    assert nk.get_defaults("shared_" + model)["individual_spike_trains"] is False


def test_inhomogeneous_poisson_generator_piecewise_rates(nk):
    trains = record_each(nk, "inhomogeneous_poisson_generator",
                         {"rate_times": [1000.0, 4000.0, 6000.0], "rate_values": [20.0, 80.0, 0.0]},
                         n_targets=3, t_sim=8000.0)
    allt = np.concatenate(trains)
    assert np.count_nonzero(allt <= 1000.0) == 0 and np.count_nonzero(allt > 6000.0 + H) == 0
    assert_count(np.count_nonzero((allt > 1000.0) & (allt <= 4000.0)), 3 * 20.0 * 3.0)
    assert_count(np.count_nonzero((allt > 4000.0) & (allt <= 6000.0)), 3 * 80.0 * 2.0)
    assert not np.array_equal(trains[0], trains[1])


@pytest.mark.parametrize("params, message", [
    ({"rate_times": [1.0, 1.0], "rate_values": [1.0, 2.0]}, "Rate times must be strictly increasing."),
    ({"rate_times": [1.05], "rate_values": [1.0]},
     "inhomogeneous_poisson_generator: Time point 1.05 is not representable in current resolution."),
    ({"rate_times": [1.0, 2.0], "rate_values": [1.0]}, "Rate times and values have to be the same size."),
    ({"rate_values": [1.0]}, "Rate times and values must be reset together."),
    ({"rate_times": [0.0], "rate_values": [1.0]}, "Time points must lie strictly in the future."),
])
def test_inhomogeneous_poisson_generator_rejects_bad_times(nk, params, message):
    g = nk.create("inhomogeneous_poisson_generator")
    with pytest.raises(nk.KernelError) as e:
        nk.set_status(g, params)
    assert_error(e, "BadProperty", message)


def test_inhomogeneous_poisson_generator_times_must_be_in_the_future(nk):
    g = nk.create("inhomogeneous_poisson_generator")
    nk.simulate(10.0)
    with pytest.raises(nk.KernelError):
        nk.set_status(g, {"rate_times": [10.0], "rate_values": [5.0]})
    nk.set_status(g, {"rate_times": [10.1], "rate_values": [5.0]})


# ------------------------------------------------------------------ mip_generator


def test_mip_generator_rate_and_pairwise_correlation(nk):
    rate, p, t_sim = 100.0, 0.3, 20000.0
    trains = record_each(nk, "mip_generator", {"rate": rate, "p_copy": p}, n_targets=3, t_sim=t_sim)
    for tr in trains:
        assert_count(len(tr), rate * p * t_sim / 1000.0)
    bins = np.arange(0.0, t_sim + 1.0, 20.0)
    counts = [np.histogram(tr, bins)[0] for tr in trains]
    k = len(bins) - 1
    for a, b in ((0, 1), (0, 2), (1, 2)):
        r = np.corrcoef(counts[a], counts[b])[0, 1]
        assert abs(r - p) < 4 * (1 - p**2) / np.sqrt(k), r


def test_mip_generator_mother_train_is_set_by_mother_seed(nk):
    def run(seed, rng_seeds):
        nk.reset_kernel()
        nk.set_kernel_status({"rng_seeds": rng_seeds})
        return record_each(nk, "mip_generator", {"rate": 50.0, "p_copy": 1.0, "mother_seed": seed}, 2, 1000.0)
    a = run(7, [1])
    assert np.array_equal(a[0], a[1])  # p_copy = 1: every target gets the mother train
    assert np.array_equal(run(7, [5])[0], a[0])  # independent of the thread RNGs
    assert not np.array_equal(run(8, [1])[0], a[0])


@pytest.mark.parametrize("params, message", [
    ({"rate": -1.0}, "Rate must be non-negative."),
    ({"p_copy": 1.5}, "Copy probability must be in [0, 1]."),
    ({"p_copy": -0.1}, "Copy probability must be in [0, 1]."),
])
def test_mip_generator_rejects_bad_parameters(nk, params, message):
    with pytest.raises(nk.KernelError) as e:
        nk.create("mip_generator", 1, params)
    assert_error(e, "BadProperty", message)


# ------------------------------------------------------------------ superposition generators


def test_gamma_sup_generator_single_component_has_gamma_cv(nk):
    trains = record_each(nk, "gamma_sup_generator", {"rate": 50.0, "gamma_shape": 4}, 2, t_sim=40000.0)
    for tr in trains:
        assert_count(len(tr), 50.0 * 40.0, var_factor=1 / 4)  # renewal count variance ~ CV^2 * mean
        assert_cv(tr, 0.5)
    assert not np.array_equal(trains[0], trains[1])


def test_gamma_sup_generator_superposition_rate_and_fano(nk):
    (tr,) = record_each(nk, "gamma_sup_generator", {"rate": 10.0, "gamma_shape": 3, "n_proc": 20}, 1, 20000.0)
    assert_count(len(tr), 10.0 * 20 * 20.0, var_factor=1 / 3)
    # superposed renewal processes: counts in long windows have Fano factor CV^2 = 1/3
    ff, k = fano(tr, 20000.0, 500.0)
    assert abs(ff - 1 / 3) < 4 * (1 / 3) * np.sqrt(2.0 / (k - 1))


@pytest.mark.parametrize("params, message", [
    ({"gamma_shape": 0}, "The shape must be larger or equal 1"),
    ({"rate": -1.0}, "The rate must be larger than 0."),
    ({"n_proc": 0}, "The number of component processes cannot be smaller than one"),
])
def test_gamma_sup_generator_rejects_bad_parameters(nk, params, message):
    with pytest.raises(nk.KernelError) as e:
        nk.create("gamma_sup_generator", 1, params)
    assert_error(e, "BadProperty", message)


def test_ppd_sup_generator_dead_time_sets_the_cv(nk):
    rate, dead = 50.0, 10.0
    trains = record_each(nk, "ppd_sup_generator", {"rate": rate, "dead_time": dead}, 2, t_sim=40000.0)
    cv = 1.0 - rate * dead / 1000.0  # Poisson process with dead time
    for tr in trains:
        assert_count(len(tr), rate * 40.0, var_factor=cv**2)
        assert_cv(tr, cv)
        assert np.diff(tr).min() >= dead - 1e-9


def test_ppd_sup_generator_modulated_superposition_rate(nk):
    (tr,) = record_each(nk, "ppd_sup_generator", {"rate": 20.0, "dead_time": 5.0, "n_proc": 10,
                                                   "frequency": 5.0, "relative_amplitude": 0.5}, 1, 20000.0)
    assert_count(len(tr), 20.0 * 10 * 20.0, n_sigma=5.0)
    phase = (tr * 5.0 / 1000.0) % 1.0
    # the hazard is modulated by 1 + 0.5 sin(): clearly more spikes in the rising half-period
    assert np.count_nonzero(phase < 0.5) > 1.2 * np.count_nonzero(phase >= 0.5)


@pytest.mark.parametrize("params, message", [
    ({"dead_time": -1.0}, "The dead time cannot be negative."),
    ({"rate": 200.0, "dead_time": 5.0}, "The inverse rate has to be larger than the dead time."),
    ({"n_proc": 0}, "The number of component processes cannot be smaller than one"),
    ({"relative_amplitude": 1.5}, "The relative amplitude of the rate modulation must be in [0,1]."),
])
def test_ppd_sup_generator_rejects_bad_parameters(nk, params, message):
    with pytest.raises(nk.KernelError) as e:
        nk.create("ppd_sup_generator", 1, params)
    assert_error(e, "BadProperty", message)


def test_sinusoidal_gamma_generator_constant_rate_has_gamma_cv(nk):
    trains = record_each(nk, "sinusoidal_gamma_generator", {"rate": 40.0, "order": 4.0}, 2, t_sim=40000.0)
    for tr in trains:
        assert_count(len(tr), 40.0 * 40.0, var_factor=1 / 4)
        assert_cv(tr, 0.5)
    assert not np.array_equal(trains[0], trains[1])


def test_sinusoidal_gamma_generator_modulated_rate(nk):
    rate, amp, f, t_sim = 40.0, 30.0, 4.0, 20000.0
    trains = record_each(nk, "sinusoidal_gamma_generator",
                         {"rate": rate, "amplitude": amp, "frequency": f, "order": 2.0}, 3, t_sim)
    allt = np.concatenate(trains)
    assert_count(len(allt), 3 * rate * t_sim / 1000.0, n_sigma=5.0)
    phase = (allt * f / 1000.0) % 1.0
    upper = np.count_nonzero(phase < 0.5) / len(allt)
    assert abs(upper - (rate + 2 * amp / np.pi) / (2 * rate)) < 0.03


def test_sinusoidal_gamma_generator_shared_train(nk):
    trains = record_each(nk, "sinusoidal_gamma_generator", {"rate": 100.0, "order": 2.0}, 2, 1000.0,
                         defaults={"individual_spike_trains": False})
    assert len(trains[0]) > 50 and np.array_equal(trains[0], trains[1])


@pytest.mark.parametrize("params, message", [
    ({"order": 0.5}, "The gamma order must be at least 1."),
    ({"rate": 10.0, "amplitude": 20.0}, "Rate parameters must fulfill 0 <= amplitude <= rate."),
    ({"rate": 10.0, "amplitude": -1.0}, "Rate parameters must fulfill 0 <= amplitude <= rate."),
])
def test_sinusoidal_gamma_generator_rejects_bad_parameters(nk, params, message):
    with pytest.raises(nk.KernelError) as e:
        nk.create("sinusoidal_gamma_generator", 1, params)
    assert_error(e, "BadProperty", message)


# ------------------------------------------------------------------ spike_dilutor


def test_spike_dilutor_copies_with_probability_p(nk):
    rate, p, t_sim = 200.0, 0.25, 20000.0
    pg = nk.create("poisson_generator", 1, {"rate": rate})
    mother = nk.create("parrot_neuron")
    dil = nk.create("spike_dilutor", 1, {"p_copy": p})
    sds = nk.create("spike_detector", 3)
    msd = nk.create("spike_detector")
    nk.connect(pg, mother, {"rule": "one_to_one"}, {})
    nk.connect(mother, dil, {"rule": "one_to_one"}, {})
    nk.connect(mother, msd, {"rule": "one_to_one"}, {})
    nk.connect(dil, sds, {"rule": "all_to_all"}, {})
    nk.simulate(t_sim)
    m = spike_times(nk, msd)
    trains = [spike_times(nk, [s]) for s in sds]
    for tr in trains:
        # a copy is a thinned mother train, sent when the spike arrives (delay 1 ms)
        assert abs(len(tr) - p * len(m)) < 4 * np.sqrt(len(m) * p * (1 - p))
        assert np.isin(np.round(tr - 1.0, 6), np.round(m, 6)).all()
    assert not np.array_equal(trains[0], trains[1])


def test_spike_dilutor_rejects_bad_probability_and_currents(nk):
    with pytest.raises(nk.KernelError) as e:
        nk.create("spike_dilutor", 1, {"p_copy": 2.0})
    assert_error(e, "BadProperty", "Copy probability must be in [0, 1].")
    d = nk.create("spike_dilutor")
    dc = nk.create("dc_generator")
    with pytest.raises(nk.KernelError) as e:
        nk.connect(dc, d, {"rule": "one_to_one"}, {})
    assert e.value.errorname == "IllegalConnection"


# ------------------------------------------------------------------ per-target trains with threads


def test_per_target_generators_reach_targets_on_every_thread(nk):
    nk.set_kernel_status({"local_num_threads": 2})
    g = nk.create("gamma_sup_generator", 1, {"rate": 100.0, "gamma_shape": 2})
    parrots = nk.create("parrot_neuron", 4)
    sd = nk.create("spike_detector")
    nk.connect(g, parrots, {"rule": "all_to_all"}, {})
    nk.connect(parrots, sd, {"rule": "all_to_all"}, {})
    nk.simulate(5000.0)
    ev = nk.get_status(sd)[0]["events"]
    for p in parrots:
        assert_count(np.count_nonzero(ev["senders"] == p), 500.0, var_factor=0.5)


# ------------------------------------------------------------------ activity windows (§6.1)

WINDOW = {"origin": 5.0, "start": 2.0, "stop": 5.0}  # t_min = 7 ms, t_max = 10 ms


def grid(a, b):
    """Times a, a+h, ..., b."""
    return list(np.round(np.arange(a, b + H / 2, H), 10))


def window_times(nk, model, params, delay=None):
    g = nk.create(model, 1, dict(params, **WINDOW))
    sd = nk.create("spike_detector")
    nk.connect(g, sd, {"rule": "one_to_one"}, {} if delay is None else {"delay": delay})
    nk.simulate(20.0)
    return sorted(set(np.round(spike_times(nk, sd), 10)))


@pytest.mark.parametrize("model, params", [
    ("sinusoidal_poisson_generator", {"rate": 1e6}),
    ("inhomogeneous_poisson_generator", {"rate_times": [0.1], "rate_values": [1e6]}),
    ("gamma_sup_generator", {"rate": 1000.0, "n_proc": 10000}),
    ("ppd_sup_generator", {"rate": 1000.0, "n_proc": 10000}),
    ("sinusoidal_gamma_generator", {"rate": 1e6}),
])
def test_poisson_type_window_tests_the_left_step_edge(nk, model, params):
    # step (t, t+h] is active if t_min < t <= t_max: emitted stamps in (t_min + h, t_max + h]
    assert window_times(nk, model, params) == grid(7.2, 10.1)


def test_mip_generator_window_is_tested_per_slice(nk):
    # slices of min_delay = 1 ms starting at T with t_min < T <= t_max: T = 8, 9, 10 ms
    assert window_times(nk, "mip_generator", {"rate": 1e6}) == grid(8.1, 11.0)


def test_pulsepacket_generator_window_is_tested_per_slice(nk):
    pulses = grid(0.1, 20.0)
    assert window_times(nk, "pulsepacket_generator", {"pulse_times": pulses, "activity": 1}) == grid(8.1, 11.0)


def test_spike_dilutor_window_is_tested_per_slice(nk):
    pg = nk.create("poisson_generator", 1, {"rate": 1e6})
    dil = nk.create("spike_dilutor", 1, WINDOW)
    sd = nk.create("spike_detector")
    nk.connect(pg, dil, {"rule": "one_to_one"}, {})
    nk.connect(dil, sd, {"rule": "one_to_one"}, {})
    nk.simulate(20.0)
    assert sorted(set(np.round(spike_times(nk, sd), 10))) == grid(8.1, 11.0)


@pytest.mark.parametrize("model, params", [
    ("ac_generator", {"offset": 3.0}),
    ("noise_generator", {"mean": 3.0}),
    ("step_current_generator", {"amplitude_times": [0.1], "amplitude_values": [3.0]}),
])
def test_current_generator_window_covers_stamps_from_start_to_before_stop(nk, model, params):
    g = nk.create(model, 1, dict(params, **WINDOW))
    n = nk.create("iaf_psc_alpha")
    nk.connect(g, n, {"rule": "one_to_one"}, {})
    mm = nk.create("multimeter", 1, {"interval": H, "record_from": ["I"]})
    nk.connect(mm, g, {"rule": "one_to_one"}, {})
    nk.simulate(20.0)
    ev = nk.get_status(mm)[0]["events"]
    on = np.round(ev["times"][ev["I"] != 0.0], 10)
    assert list(on) == grid(7.0, 9.9)
    assert set(ev["I"][ev["I"] != 0.0]) == {3.0}


def test_current_generator_window_moves_the_membrane_one_delay_later(nk):
    g = nk.create("step_current_generator", 1, dict({"amplitude_times": [0.1], "amplitude_values": [500.0]}, **WINDOW))
    n = nk.create("iaf_psc_delta", 1, {"V_th": 1e9})
    nk.connect(g, n, {"rule": "one_to_one"}, {"delay": 1.0})
    mm = nk.create("multimeter", 1, {"interval": H, "record_from": ["V_m"]})
    nk.connect(mm, n, {"rule": "one_to_one"}, {})
    nk.simulate(20.0)
    ev = nk.get_status(mm)[0]["events"]
    rising = ev["times"][1:][np.diff(ev["V_m"]) > 0]
    assert round(rising[0], 10) == 8.1 and round(rising[-1], 10) == 11.0


@pytest.mark.parametrize("model", ["correlation_detector", "correlomatrix_detector"])
def test_correlation_detectors_accept_stamps_after_start_up_to_stop(nk, model):
    sg = nk.create("spike_generator", 1, {"spike_times": [7.0, 7.1, 9.0, 10.0, 10.1]})
    cd = nk.create(model, 1, WINDOW)
    nk.connect(sg, cd, {"rule": "one_to_one"}, {})
    nk.simulate(20.0)
    assert list(nk.get_status(cd)[0]["n_events"])[0] == 3  # 7.1, 9.0, 10.0


# ------------------------------------------------------------------ correlation_detector


def correlation_setup(nk, params, t0, t1, w0=1.0, w1=1.0):
    cd = nk.create("correlation_detector", 1, params)
    for port, times, w in ((0, t0, w0), (1, t1, w1)):
        sg = nk.create("spike_generator", 1, {"spike_times": times})
        nk.connect(sg, cd, {"rule": "one_to_one"}, {"receptor_type": port, "weight": w})
    return cd


T0 = [10.0, 20.0, 40.0, 50.0]
T1 = [11.0, 12.2, 19.5, 25.0, 36.5, 43.5, 50.0]


def test_correlation_detector_histogram_by_hand(nk):
    # bins n = 0..6 of width 1 ms: t2 - t1 in [n - 3.5, n - 2.5); pairs: (10, 11) 1.0 -> 4,
    # (10, 12.2) 2.2 -> 5, (20, 19.5) -0.5 -> 3, (40, 36.5) -3.5 -> 0, (50, 50) 0 -> 3;
    # (40, 43.5) +3.5 is outside (right edge open)
    cd = correlation_setup(nk, {"delta_tau": 1.0, "tau_max": 3.0}, T0, T1, w0=2.0, w1=0.5)
    nk.simulate(60.0)
    st = nk.get_status(cd)[0]
    assert list(st["count_histogram"]) == [1, 0, 0, 2, 1, 1, 0]
    assert list(st["histogram"]) == [1.0, 0, 0, 2.0, 1.0, 1.0, 0]  # weights 2 * 0.5 per pair
    assert list(st["n_events"]) == [4, 7]
    assert list(st["histogram_correction"]) == [0.0] * 7


def test_correlation_detector_counts_only_spikes_from_tstart_to_tstop(nk):
    # pairs whose later spike is before Tstart = 15 ms are not counted; earlier spikes still pair
    cd = correlation_setup(nk, {"delta_tau": 1.0, "tau_max": 3.0, "Tstart": 15.0, "Tstop": 45.0}, T0, T1)
    nk.simulate(60.0)
    st = nk.get_status(cd)[0]
    assert list(st["count_histogram"]) == [1, 0, 0, 1, 0, 0, 0]
    assert list(st["n_events"]) == [2, 4]


def test_correlation_detector_reset_and_errors(nk):
    cd = correlation_setup(nk, {}, T0, T1)
    nk.simulate(60.0)
    st = nk.get_status(cd)[0]
    assert len(st["histogram"]) == 21 and sum(st["count_histogram"]) > 0
    with pytest.raises(nk.KernelError) as e:
        nk.set_status(cd, {"n_events": [1, 0]})
    assert_error(e, "BadProperty", "/n_events can only be set to [0 0].")
    nk.set_status(cd, {"n_events": [0, 0]})
    st = nk.get_status(cd)[0]
    assert list(st["n_events"]) == [0, 0] and sum(st["count_histogram"]) == 0
    with pytest.raises(nk.KernelError) as e:
        nk.set_status(cd, {"tau_max": 2.5})
    assert_error(e, "TimeMultipleRequired", "In model correlation_detector, the time property tau_max = 2.5 ms "
                                            "(= 2500 tics = 25 steps) must be multiple of time property delta_tau = "
                                            "1 ms (= 1000 tics = 10 steps).")
    with pytest.raises(nk.KernelError) as e:
        nk.set_status(cd, {"delta_tau": 0.25})
    assert_error(e, "StepMultipleRequired", "The time property delta_tau = 0.25 ms (= 250 tics = 3 steps) of model "
                                            "correlation_detector must be a multiple of the resolution 0.1 ms "
                                            "(= 100 tics = 1 step).")
    sg = nk.create("spike_generator")
    with pytest.raises(nk.KernelError) as e:
        nk.connect(sg, cd, {"rule": "one_to_one"}, {"receptor_type": 2})
    assert e.value.errorname == "UnknownReceptorType"
    n = nk.create("iaf_psc_alpha")
    with pytest.raises(nk.KernelError) as e:
        nk.connect(cd, n, {"rule": "one_to_one"}, {})
    assert e.value.errorname == "UnexpectedEvent"


def test_spike_detector_has_only_receptor_0(nk):
    sg = nk.create("spike_generator")
    sd = nk.create("spike_detector")
    with pytest.raises(nk.KernelError) as e:
        nk.connect(sg, sd, {"rule": "one_to_one"}, {"receptor_type": 1})
    assert e.value.errorname == "UnknownReceptorType"


def test_correlation_detector_connection_reports_its_port(nk):
    cd = correlation_setup(nk, {}, [1.0], [2.0])
    conns = nk.get_connections(target=cd)
    assert sorted(c["receptor"] for c in nk.get_connection_status(conns)) == [0, 1]


# ------------------------------------------------------------------ correlomatrix_detector


def test_correlomatrix_detector_covariances_by_hand(nk):
    # delta_tau 0.5 ms (5 steps), tau_max 1 ms: bins of |lag| 0, 0.5, 1 ms (rounded to the nearer bin,
    # half a bin counting down). Channel 0 at 10.0, 12.0; channel 1 (weight 2) at 10.3, 11.2.
    cm = nk.create("correlomatrix_detector", 1, {"N_channels": 2, "delta_tau": 0.5, "tau_max": 1.0})
    for port, times, w in ((0, [10.0, 12.0], 1.0), (1, [10.3, 11.2], 2.0)):
        sg = nk.create("spike_generator", 1, {"spike_times": times})
        nk.connect(sg, cm, {"rule": "one_to_one"}, {"receptor_type": port, "weight": w})
    nk.simulate(20.0)
    st = nk.get_status(cm)[0]
    count = [[list(x) for x in row] for row in st["count_covariance"]]
    cov = [[list(x) for x in row] for row in st["covariance"]]
    # [a][b][n]: a is the channel of the later spike; every spike pairs with itself in bin 0
    assert count == [[[2, 0, 0], [0, 0, 1]], [[0, 1, 1], [2, 0, 1]]]
    assert cov == [[[2.0, 0, 0], [0, 0, 2.0]], [[0, 2.0, 2.0], [8.0, 0, 4.0]]]
    assert list(st["n_events"]) == [2, 2]


def test_correlomatrix_detector_simultaneous_spikes_fill_both_cross_terms(nk):
    cm = nk.create("correlomatrix_detector", 1, {"N_channels": 2})
    for port in (0, 1):
        sg = nk.create("spike_generator", 1, {"spike_times": [5.0]})
        nk.connect(sg, cm, {"rule": "one_to_one"}, {"receptor_type": port})
    nk.simulate(10.0)
    count = nk.get_status(cm)[0]["count_covariance"]
    assert [[int(x[0]) for x in row] for row in count] == [[1, 1], [1, 1]]


@pytest.mark.parametrize("params, name, message", [
    ({"N_channels": 0}, "BadProperty", "/N_channels can only be larger than zero."),
    ({"delta_tau": 0.2, "tau_max": 1.0}, "BadProperty", "/delta_tau must be odd multiple of resolution."),
    ({"tau_max": 1.2}, "TimeMultipleRequired",
     "In model correlomatrix_detector, the time property tau_max = 1.2 ms (= 1200 tics = 12 steps) must be "
     "multiple of time property delta_tau = 0.5 ms (= 500 tics = 5 steps)."),
])
def test_correlomatrix_detector_rejects_bad_parameters(nk, params, name, message):
    cm = nk.create("correlomatrix_detector")
    with pytest.raises(nk.KernelError) as e:
        nk.set_status(cm, params)
    assert_error(e, name, message)


def test_correlomatrix_detector_receptors_up_to_n_channels(nk):
    cm = nk.create("correlomatrix_detector", 1, {"N_channels": 3})
    sg = nk.create("spike_generator")
    nk.connect(sg, cm, {"rule": "one_to_one"}, {"receptor_type": 2})
    with pytest.raises(nk.KernelError) as e:
        nk.connect(sg, cm, {"rule": "one_to_one"}, {"receptor_type": 3})
    assert e.value.errorname == "UnknownReceptorType"


# ------------------------------------------------------------------ defaults (§7.3)


@pytest.mark.parametrize("model, expected", [
    ("ac_generator", {"amplitude": 0.0, "frequency": 0.0, "offset": 0.0, "phase": 0.0, "y_0": 0.0, "y_1": 0.0}),
    ("noise_generator", {"dt": 1.0, "frequency": 0.0, "mean": 0.0, "phase": 0.0, "std": 0.0, "std_mod": 0.0}),
    ("step_current_generator", {"allow_offgrid_times": False}),
    ("pulsepacket_generator", {"activity": 0, "sdev": 0.0}),
    ("sinusoidal_poisson_generator", {"amplitude": 0.0, "frequency": 0.0, "individual_spike_trains": True,
                                      "phase": 0.0, "rate": 0.0}),
    ("sinusoidal_gamma_generator", {"amplitude": 0.0, "frequency": 0.0, "individual_spike_trains": True,
                                    "order": 1.0, "phase": 0.0, "rate": 0.0}),
    ("inhomogeneous_poisson_generator", {"allow_offgrid_times": False}),
    ("mip_generator", {"mother_seed": 0, "p_copy": 1.0, "rate": 0.0}),
    ("gamma_sup_generator", {"gamma_shape": 1, "n_proc": 1, "rate": 0.0}),
    ("ppd_sup_generator", {"dead_time": 0.0, "frequency": 0.0, "n_proc": 1, "rate": 0.0,
                           "relative_amplitude": 0.0}),
    ("spike_dilutor", {"p_copy": 1.0}),
    ("correlation_detector", {"delta_tau": 1.0, "tau_max": 10.0, "Tstart": 0.0, "Tstop": 1.7976931348623157e308}),
    ("correlomatrix_detector", {"delta_tau": 0.5, "tau_max": 5.0, "N_channels": 1, "Tstart": 0.0}),
])
def test_device_defaults(nk, model, expected):
    d = nk.get_defaults(model)
    for k, v in expected.items():
        assert d[k] == v and type(d[k]) is type(v), k
    assert d["element_type"] == ("recorder" if model.endswith("detector") else "stimulator")


# ------------------------------------------------------------------ against NEST 3.10


@pytest.mark.parametrize("name", list(zoo.SCENARIOS))
def test_device_scenario_matches_nest_3_10(nk, name):
    ref = json.loads((REF_DIR / "nest310_devices_zoo.json").read_text())["results"][name]
    got = zoo.SCENARIOS[name](zoo.Kernel())
    assert set(got) == set(ref)
    for key, val in ref.items():
        val = np.asarray(val, dtype=float)
        assert val.size > 0 and np.asarray(got[key]).shape == val.shape, key
        np.testing.assert_allclose(got[key], val, rtol=0, atol=1e-9, err_msg=key)


@pytest.mark.parametrize("model", ["correlation_detector", "correlomatrix_detector"])
def test_correlation_detectors_see_sources_on_all_threads(nk, model):
    rng = np.random.default_rng(5)
    trains = [list(np.unique(rng.integers(1, 20000, 400)) * 0.1) for _ in range(2)]

    def run(threads):
        nk.reset_kernel()
        nk.set_kernel_status({"local_num_threads": threads})
        parrots = nk.create("parrot_neuron", 2)  # gids 1 and 2: one per thread with 2 threads
        cd = nk.create(model, 1, {"N_channels": 2} if model.startswith("correlomatrix") else {})
        for port, p in enumerate(parrots):
            sg = nk.create("spike_generator", 1, {"spike_times": trains[port]})
            nk.connect(sg, [p], {"rule": "one_to_one"}, {})
            nk.connect([p], cd, {"rule": "one_to_one"}, {"receptor_type": port})
        nk.simulate(2000.0)
        st = nk.get_status(cd)[0]
        key = "count_histogram" if model == "correlation_detector" else "count_covariance"
        return list(st["n_events"]), np.asarray(st[key], dtype=float)
    ev1, h1 = run(1)
    ev2, h2 = run(2)
    assert ev1[0] > 100 and ev1[1] > 100 and h1.sum() > 0
    assert ev2 == ev1
    np.testing.assert_array_equal(h2, h1)


@pytest.mark.parametrize("model, params", [
    ("sinusoidal_poisson_generator", {"rate": 100.0, "amplitude": 50.0, "frequency": 3.0}),
    ("sinusoidal_gamma_generator", {"rate": 100.0, "order": 3.0}),
    ("pulsepacket_generator", {"pulse_times": [50.0, 150.0, 250.0], "activity": 40, "sdev": 10.0}),
])
def test_shared_trains_are_the_same_on_every_thread(nk, model, params):
    nk.set_kernel_status({"local_num_threads": 2})
    if "individual_spike_trains" in nk.get_defaults(model):
        nk.set_defaults(model, {"individual_spike_trains": False})
    g = nk.create(model, 1, params)
    parrots = nk.create("parrot_neuron", 2)  # gids 2 and 3 live on different threads
    sd = nk.create("spike_detector")
    nk.connect(g, parrots, {"rule": "all_to_all"}, {})
    nk.connect(parrots, sd, {"rule": "all_to_all"}, {})
    nk.simulate(400.0)
    ev = nk.get_status(sd)[0]["events"]
    a, b = (np.sort(ev["times"][ev["senders"] == p]) for p in parrots)
    assert len(a) > 20 and np.array_equal(a, b)
