import json,random,sys,collections
src=sys.argv[1]; per_rule=int(sys.argv[2]); seed=int(sys.argv[3])
rows=[json.loads(l) for l in open(src)]
by=collections.defaultdict(list)
for r in rows:
    for f in r['findings']:
        by[f['code']].append((r['notebook'],f))
rnd=random.Random(seed)
out=[]
for code in sorted(by):
    items=by[code]
    pick=rnd.sample(items,min(per_rule,len(items)))
    out+=pick
json.dump(out,open(sys.argv[4],'w'))
print(len(out))
