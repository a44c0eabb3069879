"""Records graphite-web's answers for the Java render engine's golden test.

Run through record-graphite-web.sh, which gives this script a scratch directory (argv[1]) and the
output directory (argv[2]). It writes whisper files from a deterministic dataset into the scratch
directory, dumps the archives as whisper stored them (dataset.json, which the Java fake source
serves), then asks graphite-web's own /render view for every query below (answers.json).
"""

import json
import math
import os
import sys
import struct
import time

NOW = 1700006400  # 2023-11-15 00:00:00 UTC, a multiple of every step used below
SCRATCH = sys.argv[1]
OUT = sys.argv[2]

# whisper decides which archive takes a point, and drops old points, by the wall clock.
time.time = lambda: float(NOW)

SETTINGS = """
SECRET_KEY = 'golden'
STORAGE_DIR = %(s)r
WHISPER_DIR = %(s)r + '/whisper/'
STANDARD_DIRS = [WHISPER_DIR]
LOG_DIR = %(s)r + '/log'
INDEX_FILE = %(s)r + '/index'
TIME_ZONE = 'UTC'
DATABASES = {'default': {'NAME': %(s)r + '/graphite.db', 'ENGINE': 'django.db.backends.sqlite3'}}
TAGDB = 'graphite.tags.localdatabase.LocalDatabaseTagDB'
FUNCTION_PLUGINS = []
DEFAULT_XFILES_FACTOR = 0
ALLOWED_HOSTS = ['*']
LOG_RENDERING_PERFORMANCE = False
LOG_CACHE_PERFORMANCE = False
""" % {'s': SCRATCH}


def series_definitions():
    """(name, retentions [(step, points)], values by timestamp) for every series."""
    day = 86400
    definitions = []

    def minutes(function, step=60):
        return {t: function(t // step) for t in range(NOW - day + step, NOW + 1, step)}

    for k in (1, 2, 3):
        def user(i, k=k):
            if k == 3 and i % 17 in (3, 4, 5):
                return None
            return round(20 + 10 * math.sin(i / 7.0 + k), 2)
        definitions.append(('servers.node%d.cpu.user' % k, [(60, 2880)], minutes(user)))
    for k in (1, 2):
        definitions.append(('servers.node%d.cpu.system' % k, [(60, 2880)],
                            minutes(lambda i, k=k: 5 + (i * k % 13) * 0.25)))
    for k in (1, 2):
        counter = {}
        total = 1000.0 * k
        for t in range(NOW - day + 60, NOW + 1, 60):
            i = t // 60
            total += 1000 + (i % 7) * 37.5
            if k == 1 and t == NOW - 3600:
                total = 12.0  # a counter reset inside the usual query range
            counter[t] = total
        definitions.append(('servers.node%d.net.rx_bytes' % k, [(60, 2880)], counter))
    for k in (1, 2):
        definitions.append(('fast.node%d.load' % k, [(10, 2160), (60, 2880)],
                            minutes(lambda i, k=k: round(1 + 0.5 * math.cos(i / 30.0 + k), 3), 10)))
    definitions.append(('mixed.a.value', [(20, 8640)], minutes(lambda i: float(i % 50), 20)))
    definitions.append(('mixed.b.value', [(30, 5760)], minutes(lambda i: (i % 20) * 1.5, 30)))
    definitions.append(('sparse.gappy.value', [(60, 2880)],
                        minutes(lambda i: (i % 11) * 0.1 if i % 5 == 0 else None)))
    definitions.append(('sparse.empty.value', [(60, 2880)], {}))
    definitions.append(('big.values.count', [(60, 2880)],
                        minutes(lambda i: (1e20 if i % 3 == 0 else -2.5e-5 * (i % 9)))))
    for dc, rack, k in (('dc1', 'a1', 1), ('dc1', 'a2', 2), ('dc2', 'b1', 3)):
        definitions.append(('disk.used;datacenter=%s;rack=%s' % (dc, rack), [(60, 2880)],
                            minutes(lambda i, k=k: 100.0 * k + i % 10)))
    return definitions


def write_dataset():
    import whisper
    from graphite.tags.utils import TaggedSeries
    dataset = []
    for name, retentions, values in series_definitions():
        relative = TaggedSeries.encode(name, os.sep) if ';' in name else name.replace('.', os.sep)
        path = os.path.join(SCRATCH, 'whisper', relative + '.wsp')
        os.makedirs(os.path.dirname(path), exist_ok=True)
        whisper.create(path, retentions, xFilesFactor=0.5, aggregationMethod='average')
        points = [(t, v) for t, v in sorted(values.items()) if v is not None]
        if points:
            whisper.update_many(path, points)
        dataset.append({'name': name, 'archives': read_archives(path)})
    return dataset


def read_archives(path):
    """Every non-empty slot of every archive, exactly as stored."""
    import whisper
    archives = []
    with open(path, 'rb') as handle:
        for archive in whisper.info(path)['archives']:
            handle.seek(archive['offset'])
            raw = handle.read(archive['points'] * 12)
            slots = []
            for index in range(archive['points']):
                timestamp, value = struct.unpack('!Ld', raw[index * 12:(index + 1) * 12])
                if timestamp:
                    slots.append([timestamp, value])
            slots.sort()
            archives.append({'step': archive['secondsPerPoint'], 'points': archive['points'],
                             'slots': slots})
    return archives


def queries():
    """The query lines of golden-queries.txt (format described at its top)."""
    here = os.path.dirname(os.path.abspath(__file__))
    result = []
    with open(os.path.join(here, 'golden-queries.txt')) as handle:
        for line in handle:
            line = line.rstrip('\n')
            if not line.strip() or line.startswith('#'):
                continue
            result.append(line)
    return result


def parse_query(line):
    """A query line is target text, optionally followed by ' ||| ' and &-separated options."""
    target, _, options = line.partition(' ||| ')
    params = [('target', t) for t in target.split(' &&& ')]
    defaults = {'from': '-2h', 'until': 'now', 'format': 'json'}
    extra = []
    for option in filter(None, options.split('&')):
        key, _, value = option.partition('=')
        if key in defaults:
            defaults[key] = value
        else:
            extra.append((key, value))
    return params + sorted(defaults.items()) + extra


# The functions Calamari implements: their /functions entries are compared with Calamari's index.
FUNCTIONS = ['absolute', 'aggregate', 'alias', 'aliasByMetric', 'aliasByNode', 'aliasByTags', 'aliasSub', 'asPercent', 'averageAbove', 'averageBelow', 'averageSeries', 'avg', 'consolidateBy', 'constantLine', 'currentAbove', 'currentBelow', 'derivative', 'diffSeries', 'divideSeries', 'exclude', 'grep', 'group', 'groupByNode', 'groupByNodes', 'groupByTags', 'highestAverage', 'highestCurrent', 'highestMax', 'integral', 'keepLastValue', 'limit', 'lowestAverage', 'lowestCurrent', 'maxSeries', 'minSeries', 'movingAverage', 'movingMax', 'movingMedian', 'movingMin', 'movingSum', 'multiplySeries', 'nonNegativeDerivative', 'offset', 'perSecond', 'removeEmptySeries', 'scale', 'seriesByTag', 'sortByName', 'sum', 'sumSeries', 'summarize', 'threshold', 'timeShift', 'transformNull']


def record_function_index():
    """Group and parameters of the functions above, read from graphite-web's own registration.

    graphite-web 1.1.8's /functions view needs inspect.getargspec, which Python 3.11 no longer has,
    so the entries are built here from the same attributes that view reads (the signature through
    inspect.signature instead).
    """
    import inspect
    from graphite.functions import SeriesFunctions
    functions = SeriesFunctions()
    result = {}
    for name in FUNCTIONS:
        function = functions[name]
        parameters = list(inspect.signature(function).parameters.values())[1:]
        result[name] = {
            'name': name,
            'function': name + '(' + ', '.join(str(p) for p in parameters) + ')',
            'group': getattr(function, 'group', 'Ungrouped'),
            'params': [param.toJSON() for param in getattr(function, 'params', None) or []],
        }
    with open(os.path.join(OUT, 'functions.json'), 'w') as handle:
        json.dump(result, handle, indent=1, sort_keys=True)
        handle.write('\n')


def main():
    os.makedirs(os.path.join(SCRATCH, 'whisper'), exist_ok=True)
    os.makedirs(os.path.join(SCRATCH, 'log'), exist_ok=True)
    with open(os.path.join(SCRATCH, 'golden_settings.py'), 'w') as handle:
        handle.write(SETTINGS)
    sys.path.insert(0, SCRATCH)
    os.environ['GRAPHITE_SETTINGS_MODULE'] = 'golden_settings'
    os.environ['DJANGO_SETTINGS_MODULE'] = 'graphite.settings'
    import django
    django.setup()
    from django.core.management import call_command
    call_command('migrate', verbosity=0, interactive=False)

    dataset = write_dataset()
    from graphite.storage import STORE
    for entry in dataset:
        if ';' in entry['name']:
            STORE.tagdb.tag_series(entry['name'])

    from django.test import Client
    client = Client()
    answers = []
    for line in queries():
        params = parse_query(line) + [('now', str(NOW)), ('noCache', '1')]
        try:
            response = client.get('/render', params)
            status = response.status_code
            body = response.content.decode('utf-8')
        except Exception as error:  # graphite-web raises straight through the test client
            status, body = 500, '%s: %s' % (type(error).__name__, error)
        answer = {'query': line, 'params': params, 'status': status}
        if status == 200:
            answer['body'] = body
        else:
            answer['error'] = body.strip().splitlines()[-1][:300] if body.strip() else ''
        answers.append(answer)

    record_function_index()
    with open(os.path.join(OUT, 'dataset.json'), 'w') as handle:
        json.dump({'now': NOW, 'series': dataset}, handle, separators=(',', ':'))
        handle.write('\n')
    with open(os.path.join(OUT, 'answers.json'), 'w') as handle:
        json.dump(answers, handle, indent=1)
        handle.write('\n')
    failed = sum(1 for a in answers if a['status'] != 200)
    print('recorded %d answers (%d failed in graphite-web)' % (len(answers), failed))


if __name__ == '__main__':
    main()
