import json,sys,os
sys.path.insert(0,'/work/heldout16-results')
items=json.load(open(sys.argv[1])); lo=int(sys.argv[2]); hi=int(sys.argv[3])
ctx=int(sys.argv[4]) if len(sys.argv)>4 else 3
cache={}
def cells(nb):
    if nb in cache: return cache[nb]
    p=(nb if nb.startswith('/') else os.path.join(os.environ.get('HELDOUT','/work/heldout16'),nb))
    if nb.endswith('.ipynb'):
        d=json.load(open(p))
        cs=d.get('cells') or [c for w in d.get('worksheets',[]) for c in w['cells']]
        out=[]
        for c in cs:
            s=c.get('source') or c.get('input') or ''
            if isinstance(s,list): s=''.join(s)
            out.append((c['cell_type'],c.get('execution_count',c.get('prompt_number')),s))
    else:
        # use pyarch json to get cells? approximate: split on '# In['
        import re
        lines=open(p).read().split('\n')
        segs=[[]]
        for l in lines:
            if re.match(r'^# In\[[ 0-9]*\]:\s*$',l): segs.append([])
            else: segs[-1].append(l)
        out=[]
        def blocks(seg):
            # split into blocks by blank lines, remembering blank-run lengths
            bl=[];cur=[];blank=0;gaps=[]
            for l in seg:
                if l.strip()=='' :
                    if cur: bl.append(cur);gaps.append(None);cur=[]
                    blank+=1
                else:
                    if not cur and bl: gaps[-1]=blank
                    if not cur: blank=0
                    cur.append(l)
            if cur: bl.append(cur);gaps.append(None)
            return bl
        first=True
        for seg in segs:
            bl=blocks(seg)
            if first:
                first=False
                for b in bl:
                    if all(x.startswith('#') for x in b): out.append(('markdown',None,'\n'.join(b)))
                continue
            # trailing comment-only blocks -> markdown (approx)
            md=[]
            while len(bl)>1 and all(x.startswith('#') for x in bl[-1]):
                md.insert(0,bl.pop())
            code=[]
            for i,b in enumerate(bl):
                if i: code.append('')
                code+=b
            out.append(('code',None,'\n'.join(code)))
            for b in md: out.append(('markdown',None,'\n'.join(b)))
    cache[nb]=out; return out
for i,(nb,f) in enumerate(items[lo:hi],start=lo):
    print(f"#{i} {f['code']} {f['severity']} {nb[:70]} cell {f['cell']} L{f['line']}-{f['end_line']}")
    print("   MSG:",f['message'][:300])
    cs=cells(nb)
    if f['cell'] is not None and f['cell']<len(cs):
        t,ec,s=cs[f['cell']]
        lines=s.split('\n'); a=max(0,f['line']-1-ctx); b=min(len(lines),f['end_line']+ctx)
        for k in range(a,b): print(f"   {k+1:3}{'>' if f['line']<=k+1<=f['end_line'] else ' '} {lines[k][:140]}")
    print()
